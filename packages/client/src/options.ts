import { ConfigurationError } from './errors.js';
import type { Environment } from './generated/types.gen.js';
import { guardLogger, LOG_LEVELS, type Logger } from './logger.js';

/** A fixed access token, or a function that returns one before each call. */
export type AccessToken = string | (() => string | Promise<string>);

/** How a 2xx body that does not match the spec is treated. */
export type ResponseValidation = 'warn' | 'strict' | 'off';

/** Options of {@link DigitalPaye}. Each credential may instead come from the variable named. */
export interface DigitalPayeOptions {
  /** API key, exchanged with the secret for a token. @default process.env.DIGITALPAYE_API_KEY */
  apiKey?: string;
  /** API secret. @default process.env.DIGITALPAYE_API_SECRET */
  apiSecret?: string;
  /**
   * Instead of key and secret: a token, or a function called before each
   * call that returns one (cache inside it if it is costly). After a 401 the
   * function is called once more and the call repeated once.
   */
  accessToken?: AccessToken;
  /** Environment the calls act on. @default process.env.DIGITALPAYE_ENVIRONMENT */
  environment?: Environment;
  /** @default process.env.DIGITALPAYE_BASE_URL, else 'https://api.digitalpaye.com' */
  baseUrl?: string;
  /** Time allowed to each attempt, in ms, until the whole body is read. @default 30000 */
  timeout?: number;
  /** Retries after a failure that is safe to retry (see the README). @default 2 */
  maxRetries?: number;
  /**
   * Also retry `customers.create` after a 5xx, a timeout or a lost
   * connection. The API documents no idempotency key, so this MAY CREATE
   * DUPLICATE CUSTOMERS. @default false
   */
  retryNonIdempotent?: boolean;
  /** A fetch implementation. @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Receives request, response, retry and token events. @default none */
  logger?: Logger;
  /** Check inputs against the spec before sending. @default true */
  validateRequests?: boolean;
  /**
   * Check 2xx bodies against the spec: `warn` logs a mismatch and returns the
   * data, `strict` throws a `ResponseValidationError`, `off` skips the check.
   * @default 'warn'
   */
  validateResponses?: ResponseValidation;
}

export type Credentials =
  | { kind: 'key'; apiKey: string; apiSecret: string }
  | { kind: 'token'; accessToken: AccessToken };

export interface ResolvedOptions {
  credentials: Credentials;
  environment: Environment;
  baseUrl: string;
  timeout: number;
  maxRetries: number;
  retryNonIdempotent: boolean;
  fetch: typeof fetch;
  logger: Logger | undefined;
  validateRequests: boolean;
  validateResponses: ResponseValidation;
}

export const DEFAULT_BASE_URL = 'https://api.digitalpaye.com';
export const DEFAULT_TIMEOUT = 30_000;
export const DEFAULT_MAX_RETRIES = 2;

const ENVIRONMENTS: readonly Environment[] = ['Production', 'Sandbox'];
const RESPONSE_VALIDATION: readonly ResponseValidation[] = ['warn', 'strict', 'off'];
/** The longest delay `setTimeout` accepts. */
export const MAX_TIMER = 2_147_483_647;

type Env = Record<string, string | undefined>;

function readEnv(): Env {
  return globalThis.process?.env ?? {};
}

function required(value: unknown, option: string, variable: string): string {
  if (value === undefined || (typeof value === 'string' && !value.trim())) {
    throw new ConfigurationError(`\`${option}\` is missing: pass it or set ${variable}`);
  }
  if (typeof value !== 'string' || value.trim() !== value) {
    throw new ConfigurationError(`\`${option}\` must be a string with no spaces around it`);
  }
  return value;
}

function credentialsOf(options: DigitalPayeOptions, env: Env): Credentials {
  const { accessToken } = options;
  if (accessToken !== undefined) {
    if (options.apiKey !== undefined || options.apiSecret !== undefined) {
      throw new ConfigurationError(
        '`accessToken` and `apiKey`/`apiSecret` were both passed: pass one or the other',
      );
    }
    if (
      typeof accessToken === 'function' ||
      (typeof accessToken === 'string' && accessToken.trim())
    ) {
      return { kind: 'token', accessToken };
    }
    throw new ConfigurationError(
      '`accessToken` is empty or not a string: pass a token or a function',
    );
  }
  const apiKey = required(
    options.apiKey ?? env.DIGITALPAYE_API_KEY,
    'apiKey',
    'DIGITALPAYE_API_KEY',
  );
  // TODO(#7): refuse a ':' in apiKey (it makes Basic ambiguous) once the bundle
  // budget has room for the check.
  return {
    kind: 'key',
    apiKey,
    apiSecret: required(
      options.apiSecret ?? env.DIGITALPAYE_API_SECRET,
      'apiSecret',
      'DIGITALPAYE_API_SECRET',
    ),
  };
}

function oneOf<T extends string>(value: string, allowed: readonly T[], option: string): T {
  if (!allowed.includes(value as T)) {
    throw new ConfigurationError(`\`${option}\` is "${value}": use one of ${allowed.join(', ')}`);
  }
  return value as T;
}

function environmentOf(options: DigitalPayeOptions, env: Env): Environment {
  const environment = required(
    options.environment ?? env.DIGITALPAYE_ENVIRONMENT,
    'environment',
    'DIGITALPAYE_ENVIRONMENT',
  );
  return oneOf(environment, ENVIRONMENTS, 'environment');
}

function baseUrlOf(options: DigitalPayeOptions, env: Env): string {
  const given = options.baseUrl ?? env.DIGITALPAYE_BASE_URL ?? DEFAULT_BASE_URL;
  let url: URL | undefined;
  try {
    url = new URL(given);
  } catch {}
  // Never quoted: it may hold credentials.
  if (
    !url ||
    !/^https?:$/.test(url.protocol) ||
    url.username ||
    url.password ||
    /[?#]|\/v1\/*$/.test(given)
  ) {
    throw new ConfigurationError(
      `\`baseUrl\` must be an http(s) URL with a valid host, without credentials, query, fragment or /v1`,
    );
  }
  return url.href.replace(/\/+$/, '');
}

/** Checks a number option; `undefined` gives the default. */
export function numberOption<F extends number | undefined>(
  value: number | undefined,
  option: string,
  fallback: F,
  { min, max, integer }: { min: number; max: number; integer?: boolean },
): number | F {
  if (value === undefined) return fallback;
  const valid = typeof value === 'number' && value >= min && value <= max;
  if (!valid || (integer && !Number.isInteger(value))) {
    const kind = integer ? 'an integer' : 'a number';
    throw new ConfigurationError(`\`${option}\` is ${value}: use ${kind} from ${min} to ${max}`);
  }
  return value;
}

function loggerOf(logger: Logger | undefined): Logger | undefined {
  if (logger === undefined) return undefined;
  const missing = LOG_LEVELS.filter((level) => typeof logger?.[level] !== 'function');
  if (missing.length > 0) {
    throw new ConfigurationError(
      `\`logger\` has no ${missing.join(', ')} method: pass an object with debug, info, warn and error`,
    );
  }
  return guardLogger(logger);
}

/** Merges explicit options over environment variables and checks them, without any network call. */
export function resolveOptions(options: DigitalPayeOptions, env: Env = readEnv()): ResolvedOptions {
  const validateResponses = oneOf(
    options.validateResponses ?? 'warn',
    RESPONSE_VALIDATION,
    'validateResponses',
  );

  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function') {
    throw new ConfigurationError('`fetch` is not available: pass a fetch implementation');
  }

  return {
    credentials: credentialsOf(options, env),
    environment: environmentOf(options, env),
    baseUrl: baseUrlOf(options, env),
    timeout: numberOption(options.timeout, 'timeout', DEFAULT_TIMEOUT, { min: 1, max: MAX_TIMER }),
    maxRetries: numberOption(options.maxRetries, 'maxRetries', DEFAULT_MAX_RETRIES, {
      min: 0,
      max: 10,
      integer: true,
    }),
    retryNonIdempotent: options.retryNonIdempotent === true,
    fetch: fetchImpl,
    logger: loggerOf(options.logger),
    validateRequests: options.validateRequests !== false,
    validateResponses,
  };
}
