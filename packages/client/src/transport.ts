import {
  abortError,
  ConnectionError,
  DigitalPayeError,
  describeBody,
  errorFromResponse,
  type Outcome,
  safeCause,
  TimeoutError,
  withOutcome,
  worseOutcome,
} from './errors.js';
import type { Environment } from './generated/types.gen.js';
import { type Logger, maskHeaders, type Redactor } from './logger.js';
import {
  type Backoff,
  DEFAULT_BACKOFF,
  isRetryable,
  parseRetryAfter,
  type RetryPolicy,
  retryDelay,
} from './retry.js';

declare const __SDK_VERSION__: string;

export interface TransportConfig {
  baseUrl: string;
  environment: Environment;
  fetch: typeof fetch;
  /** Per-attempt timeout in ms, unless the call gives its own. */
  timeout: number;
  maxRetries: number;
  logger: Logger | undefined;
  redactor: Redactor;
  backoff?: Backoff;
  /** Jitter source in [0, 1). @default Math.random */
  random?: () => number;
}

/** One logical call; the transport may make several attempts of it. */
export interface Call {
  method: 'POST';
  path: string;
  /** The whole `Authorization` header value. */
  authorization: string;
  body?: unknown;
  signal?: AbortSignal | undefined;
  timeout?: number | undefined;
  retry: RetryPolicy;
}

/** A 2xx answer with its parsed JSON body. */
export interface Reply {
  status: number;
  body: unknown;
  requestId: string | undefined;
}

export type Transport = (call: Call) => Promise<Reply>;

/** Largest response body read, in bytes; a longer one is cancelled. */
export const MAX_BODY = 1_048_576;

/**
 * Error codes of a connection that failed before the request could be
 * written: refused, unresolved, unreachable, or a TLS certificate refused.
 */
const NOT_SENT_CODES =
  /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|UND_ERR_CONNECT_TIMEOUT|ERR_INVALID_URL)$|CERT|TLS/;

function networkCode(error: unknown, depth = 4): string | undefined {
  const { code, cause, errors } = (error ?? {}) as {
    code?: unknown;
    cause?: unknown;
    errors?: unknown[];
  };
  if (typeof code === 'string') return code;
  return depth ? networkCode(errors?.[0] ?? cause, depth - 1) : undefined;
}

function sleep(ms: number, signal: AbortSignal | undefined, onAbort: () => Error): Promise<void> {
  return new Promise((resolve, reject) => {
    const abort = () => {
      clearTimeout(timer);
      reject(onAbort());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', abort, { once: true });
  });
}

/**
 * Sends calls with a timeout per attempt, the caller's abort signal and the
 * retry policy of each call. Every failure becomes a {@link DigitalPayeError}.
 */
export function createTransport(config: TransportConfig): Transport {
  const { baseUrl, logger, maxRetries } = config;
  const { redact } = config.redactor;
  const backoff = config.backoff ?? DEFAULT_BACKOFF;
  const random = config.random ?? Math.random;
  const fetchImpl = config.fetch;
  const node = globalThis.process?.versions?.node;
  const baseHeaders: Record<string, string> = {
    Accept: 'application/json',
    'X-Environment': config.environment,
    ...(node && { 'User-Agent': `@digitalpaye/client/${__SDK_VERSION__} node/${node}` }),
  };

  const aborted = (call: Call, outcome: Outcome) =>
    abortError(call.method, call.path, outcome, call.signal);

  function networkError(call: Call, error: unknown, timedOut: boolean, timeout: number) {
    const { method, path } = call;
    if (call.signal?.aborted) return aborted(call, 'unknown');
    if (timedOut) {
      return new TimeoutError(`${method} ${path} timed out after ${timeout} ms`, {
        method,
        path,
        outcome: 'unknown',
      });
    }
    const code = networkCode(error);
    const notSent = code !== undefined && NOT_SENT_CODES.test(code);
    const what = notSent ? 'could not connect' : 'lost its connection';
    return new ConnectionError(`${method} ${path} ${what} (${code ?? 'network error'})`, {
      method,
      path,
      outcome: notSent ? 'not-sent' : 'unknown',
      cause: safeCause(error, redact),
    });
  }

  async function read(call: Call, response: Response, number: number, started: number) {
    const { method, path } = call;
    const { status, headers } = response;
    const requestId = redact(headers.get('x-request-id') ?? '') || undefined;
    // A fetch whose body is not a web stream (node-fetch 2) is read whole.
    const reader = response.body?.getReader?.();
    const decoder = new TextDecoder();
    let text = reader ? '' : await response.text();
    let size = 0;
    // Read with a cap: a body of any size must not exhaust the memory.
    for (;;) {
      const chunk = await reader?.read();
      if (!chunk || chunk.done) break;
      size += chunk.value.length;
      if (size > MAX_BODY) {
        // Stop reading: what was read still gives the error class and an excerpt, and a
        // cut 2xx body fails to parse, with outcome 'unknown'.
        reader?.cancel().catch(() => undefined);
        break;
      }
      text += decoder.decode(chunk.value, { stream: true });
    }
    text += decoder.decode();
    logger?.debug('response', {
      method,
      path,
      attempt: number,
      status,
      durationMs: Date.now() - started,
      requestId,
    });

    if (status < 200 || status > 299) {
      const retryAfter = parseRetryAfter(headers.get('retry-after'), Date.now());
      throw errorFromResponse({ method, path, status, body: text, requestId, retryAfter, redact });
    }

    try {
      return { status, body: JSON.parse(text) as unknown, requestId };
    } catch {
      // No cause: the parser's message quotes the body.
      throw new DigitalPayeError(
        `${method} ${path} answered ${status}${describeBody(redact(text))}`,
        { status, method, path, requestId, outcome: 'unknown' },
      );
    }
  }

  async function attempt(call: Call, body: string | undefined, number: number): Promise<Reply> {
    const { method, path, signal } = call;
    const timeout = call.timeout ?? config.timeout;
    const headers: Record<string, string> = { ...baseHeaders, Authorization: call.authorization };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    logger?.debug('request', { method, path, attempt: number, headers: maskHeaders(headers) });

    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeout);
    const forwardAbort = () => controller.abort();
    signal?.addEventListener('abort', forwardAbort, { once: true });
    const started = Date.now();

    try {
      const response = await fetchImpl(baseUrl + path, {
        method,
        headers,
        body,
        signal: controller.signal,
        // A redirect would resend the call, body and all, where the caller did not aim it.
        redirect: 'manual',
      });
      return await read(call, response, number, started);
    } catch (error) {
      if (error instanceof DigitalPayeError) throw error;
      throw networkError(call, error, timedOut, timeout);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', forwardAbort);
    }
  }

  function serialize(call: Call): string | undefined {
    try {
      // `undefined` stays `undefined`: no body.
      return JSON.stringify(call.body);
    } catch (cause) {
      throw new DigitalPayeError(`${call.method} ${call.path} body cannot be sent as JSON`, {
        method: call.method,
        path: call.path,
        outcome: 'not-sent',
        cause,
      });
    }
  }

  return async function send(call) {
    const body = serialize(call);
    let worst: Outcome = 'not-sent';

    for (let number = 1; ; number++) {
      if (call.signal?.aborted) throw aborted(call, worst);

      try {
        return await attempt(call, body, number);
      } catch (caught) {
        const error = caught as DigitalPayeError;
        worst = worseOutcome(worst, error.outcome);
        const delay =
          number <= maxRetries && isRetryable(error, call.retry)
            ? retryDelay(number, error.retryAfter, backoff, random)
            : undefined;
        if (delay === undefined) throw withOutcome(error, worst);

        logger?.warn('retry', {
          method: call.method,
          path: call.path,
          attempt: number,
          delayMs: Math.round(delay),
          status: error.status,
          error: error.name,
        });
        await sleep(delay, call.signal, () => aborted(call, worst));
      }
    }
  };
}
