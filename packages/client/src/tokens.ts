import {
  AuthenticationError,
  abortError,
  ConfigurationError,
  DigitalPayeError,
  isDigitalPayeError,
  type Outcome,
  safeCause,
  withOutcome,
} from './errors.js';
import type { CreateTokenData, TokenResponse } from './generated/types.gen.js';
import { vTokenResponse } from './generated/valibot.gen.js';
import type { Logger, Redactor } from './logger.js';
import type { AccessToken, Credentials } from './options.js';
import type { Transport } from './transport.js';
import type { ResponseCheck } from './validation.js';

const AUTH_PATH: CreateTokenData['url'] = '/v1/auth';

/** A token is refreshed once this share of its lifetime is left. */
export const REFRESH_SHARE = 0.1;

/** Hands out access tokens and takes back the ones the server refused. */
export interface TokenSource {
  /** A token for the next call; waits for at most one exchange shared by every caller. */
  get(signal?: AbortSignal): Promise<string>;
  /**
   * Forgets `token` after the server refused it. Returns false when asking
   * again cannot give another token (a fixed `accessToken`).
   */
  invalidate(token: string): boolean;
  /** When the token `get` returns would expire. */
  expiresAt(signal?: AbortSignal): Promise<Date>;
}

export interface TokenDependencies {
  transport: Transport;
  checkResponse: ResponseCheck;
  redactor: Redactor;
  logger: Logger | undefined;
  /** @default Date.now */
  now?: () => number;
}

function base64(text: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)));
}

/** Every form in which the credentials could leak back in a server's text. */
export function credentialSecrets(credentials: Credentials): string[] {
  if (credentials.kind === 'token') {
    return typeof credentials.accessToken === 'string' ? [credentials.accessToken] : [];
  }
  // `key:secret` needs no entry of its own: the secret inside it is redacted.
  return [credentials.apiSecret, base64(`${credentials.apiKey}:${credentials.apiSecret}`)];
}

/** The JWT payload claims we read, or an empty object when the token is not a JWT. */
function claimsOf(token: string): { iat?: unknown; exp?: unknown } {
  try {
    const payload = (token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(payload)) ?? {};
  } catch {
    return {};
  }
}

/**
 * Seconds the token lives. `exp - iat` from the token itself is used when
 * present, so a skewed local clock does not matter; otherwise `exp` is
 * compared with the local clock. The lifetime is never assumed to be 600 s.
 */
export function lifetimeSeconds(token: string, exp: number, nowMs: number): number {
  const { iat } = claimsOf(token);
  const lifetime = typeof iat === 'number' && iat < exp ? exp - iat : exp - nowMs / 1000;
  return Math.max(0, lifetime);
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined, path: string) {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(abortError('POST', path, 'not-sent', signal));
    signal.addEventListener('abort', abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

interface Held {
  token: string;
  expiresAt: number;
  refreshAt: number;
}

/** Exchanges key and secret at `POST /v1/auth` (Basic) and caches the token until near its expiry. */
function exchangedTokens(apiKey: string, apiSecret: string, deps: TokenDependencies): TokenSource {
  const { transport, checkResponse, redactor, logger } = deps;
  const now = deps.now ?? Date.now;
  const authorization = `Basic ${base64(`${apiKey}:${apiSecret}`)}`;
  let held: Held | undefined;
  let pending: Promise<Held> | undefined;

  async function exchange(): Promise<Held> {
    const reply = await transport({
      method: 'POST',
      path: AUTH_PATH,
      authorization,
      retry: 'idempotent',
    });
    const origin = {
      method: 'POST',
      path: AUTH_PATH,
      status: reply.status,
      requestId: reply.requestId,
    };
    const data = (reply.body as Partial<TokenResponse> | null)?.data;
    // Known to the redactor before anything can quote it.
    if (typeof data?.token === 'string') redactor.add(data.token);
    checkResponse(vTokenResponse, reply.body, origin);

    if (typeof data?.token !== 'string' || typeof data.exp !== 'number') {
      throw new DigitalPayeError(`POST ${AUTH_PATH} answered ${reply.status} without a token`, {
        ...origin,
        outcome: 'unknown',
      });
    }

    const receivedAt = now();
    const lifetime = lifetimeSeconds(data.token, data.exp, receivedAt);
    const expiresAt = receivedAt + lifetime * 1000;
    logger?.info('token refreshed', {
      expiresAt: new Date(expiresAt).toISOString(),
      lifetimeSeconds: lifetime,
    });
    return { token: data.token, expiresAt, refreshAt: expiresAt - lifetime * 1000 * REFRESH_SHARE };
  }

  function current(signal?: AbortSignal): Promise<Held> {
    const at = now();
    if (held && at < held.refreshAt) return Promise.resolve(held);
    if (signal?.aborted) return Promise.reject(abortError('POST', AUTH_PATH, 'not-sent', signal));
    if (!pending) {
      pending = exchange()
        .then((fresh) => {
          held = fresh;
          return fresh;
        })
        .finally(() => {
          pending = undefined;
        });
      // Every caller may have aborted and left; the failure is still theirs to see, not unhandled.
      pending.catch(() => undefined);
    }

    // A failed early refresh must not fail calls while the current token still works.
    const usable = held && at < held.expiresAt ? held : undefined;
    const next = usable ? pending.catch(() => keep(usable)) : pending;
    return raceAbort(next, signal, AUTH_PATH);
  }

  function keep(token: Held): Held {
    logger?.warn('token refresh failed, using the current token until it expires', {
      expiresAt: new Date(token.expiresAt).toISOString(),
    });
    return token;
  }

  return {
    get: async (signal) => (await current(signal)).token,
    invalidate(token) {
      if (held?.token === token) held = undefined;
      return true;
    },
    expiresAt: async (signal) => new Date((await current(signal)).expiresAt),
  };
}

/** Uses the caller's token, or asks the caller's function for one before each call. */
function givenTokens(accessToken: AccessToken, redactor: Redactor): TokenSource {
  async function get(): Promise<string> {
    let token: unknown;
    try {
      token = typeof accessToken === 'function' ? await accessToken() : accessToken;
    } catch (cause) {
      throw new DigitalPayeError('the `accessToken` function failed', {
        outcome: 'not-sent',
        cause: safeCause(cause, redactor.redact),
      });
    }
    if (typeof token !== 'string' || token === '') {
      throw new ConfigurationError('the `accessToken` function returned no token: return a string');
    }
    redactor.add(token);
    return token;
  }

  return {
    get,
    invalidate: () => typeof accessToken === 'function',
    async expiresAt() {
      const { exp } = claimsOf(await get());
      if (typeof exp !== 'number') {
        throw new ConfigurationError(
          '`accessToken` is not a JWT with an `exp` claim, so its expiry is unknown',
        );
      }
      return new Date(exp * 1000);
    },
  };
}

export function createTokenSource(credentials: Credentials, deps: TokenDependencies): TokenSource {
  return credentials.kind === 'key'
    ? exchangedTokens(credentials.apiKey, credentials.apiSecret, deps)
    : givenTokens(credentials.accessToken, deps.redactor);
}

async function acquire(tokens: TokenSource, signal: AbortSignal | undefined, outcome: Outcome) {
  try {
    return await tokens.get(signal);
  } catch (error) {
    // The call itself was not sent: its outcome is what happened to it so far.
    throw isDigitalPayeError(error) ? withOutcome(error, outcome) : error;
  }
}

/**
 * Runs `call` with a bearer token. A 401 means nothing was done: the token is
 * dropped, a new one obtained and the call repeated once. A second 401
 * propagates as the {@link AuthenticationError} it is.
 */
export async function withToken<T>(
  tokens: TokenSource,
  signal: AbortSignal | undefined,
  call: (authorization: string) => Promise<T>,
  logger: Logger | undefined,
): Promise<T> {
  const first = await acquire(tokens, signal, 'not-sent');
  try {
    return await call(`Bearer ${first}`);
  } catch (error) {
    if (!(error instanceof AuthenticationError) || !tokens.invalidate(first)) throw error;
    logger?.info('token refused, getting a new one', { method: error.method, path: error.path });
    const second = await acquire(tokens, signal, 'refused');
    return call(`Bearer ${second}`);
  }
}
