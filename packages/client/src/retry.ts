import {
  ConnectionError,
  type DigitalPayeError,
  RateLimitError,
  ServerError,
  TimeoutError,
} from './errors.js';

/**
 * - `idempotent`: repeating the call is harmless (the token exchange);
 *   retried on connection errors, timeouts, 408, 429 and 5xx.
 * - `unsafe`: repeating the call may act twice (creating a customer);
 *   retried only when the server certainly did not act: a connection refused
 *   before sending, or a 429.
 */
export type RetryPolicy = 'idempotent' | 'unsafe';

export interface Backoff {
  /** Delay before the first retry, before jitter, in ms. */
  initialDelay: number;
  /** Ceiling of the exponential delay, in ms. */
  maxDelay: number;
  /** A longer `Retry-After` is not waited for: the error is thrown instead. In ms. */
  maxRetryAfter: number;
}

export const DEFAULT_BACKOFF: Backoff = {
  initialDelay: 500,
  maxDelay: 8_000,
  maxRetryAfter: 60_000,
};

/** Whether a failed attempt may be repeated under `policy`. */
export function isRetryable(error: DigitalPayeError, policy: RetryPolicy): boolean {
  if (error instanceof RateLimitError) return true;
  if (error instanceof ConnectionError && error.outcome === 'not-sent') return true;
  if (policy === 'unsafe') return false;
  return (
    error instanceof ConnectionError ||
    error instanceof TimeoutError ||
    error instanceof ServerError ||
    error.status === 408
  );
}

/**
 * Delay before retry number `retry` (1 for the first), in ms, or `undefined`
 * when the server asked for a longer wait than `maxRetryAfter`. Without
 * `Retry-After` the delay lies between half and all of
 * `min(maxDelay, initialDelay * 2^(retry - 1))` ("equal jitter").
 */
export function retryDelay(
  retry: number,
  retryAfterSeconds: number | undefined,
  backoff: Backoff,
  random: () => number,
): number | undefined {
  if (retryAfterSeconds !== undefined) {
    const wait = retryAfterSeconds * 1000;
    return wait <= backoff.maxRetryAfter ? wait : undefined;
  }
  const ceiling = Math.min(backoff.maxDelay, backoff.initialDelay * 2 ** (retry - 1));
  return ceiling / 2 + (random() * ceiling) / 2;
}

/**
 * Reads `Retry-After` (delay-seconds or an HTTP date) as whole seconds from
 * `now`; `undefined` when absent or unreadable.
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  const text = value ?? '';
  if (/^\s*\d+\s*$/.test(text)) return Number(text);
  // Only a date names a month or a day; a bare number in another form is not one.
  const date = /[a-z]/i.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}
