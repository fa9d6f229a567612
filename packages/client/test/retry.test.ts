import { describe, expect, it } from 'vitest';
import {
  ConnectionError,
  type DigitalPayeError,
  errorFromResponse,
  TimeoutError,
} from '../src/errors.js';
import { DEFAULT_BACKOFF, isRetryable, parseRetryAfter, retryDelay } from '../src/retry.js';

const lowest = () => 0;
const highest = () => 0.999_999;

function answered(status: number): DigitalPayeError {
  return errorFromResponse({ method: 'POST', path: '/v1/customer', status, body: '' });
}

describe('retryDelay', () => {
  it.each([
    [1, 250, 500],
    [2, 500, 1_000],
    [3, 1_000, 2_000],
    [4, 2_000, 4_000],
    [5, 4_000, 8_000],
    [6, 4_000, 8_000],
    [10, 4_000, 8_000],
  ])(
    'keeps retry %i between %i and %i ms (start 0.5 s, cap 8 s, equal jitter)',
    (retry, min, max) => {
      expect(retryDelay(retry, undefined, DEFAULT_BACKOFF, lowest)).toBe(min);
      expect(retryDelay(retry, undefined, DEFAULT_BACKOFF, highest)).toBeCloseTo(max, 0);
      expect(retryDelay(retry, undefined, DEFAULT_BACKOFF, highest)).toBeLessThanOrEqual(max);
    },
  );

  it('spreads delays with the random source', () => {
    const delays = new Set(
      [0.1, 0.5, 0.9].map((r) => retryDelay(1, undefined, DEFAULT_BACKOFF, () => r)),
    );
    expect(delays.size).toBe(3);
  });

  it('waits exactly what Retry-After asks, up to 60 s', () => {
    expect(retryDelay(1, 0, DEFAULT_BACKOFF, highest)).toBe(0);
    expect(retryDelay(1, 3, DEFAULT_BACKOFF, highest)).toBe(3_000);
    expect(retryDelay(1, 60, DEFAULT_BACKOFF, highest)).toBe(60_000);
  });

  it('gives up rather than wait longer than 60 s', () => {
    expect(retryDelay(1, 61, DEFAULT_BACKOFF, highest)).toBeUndefined();
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('7', now)).toBe(7);
  });

  it('reads an HTTP date as seconds from now, rounded up', () => {
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:09 GMT', now)).toBe(9);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
  });

  it('ignores a missing or unreadable value', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-3', now)).toBeUndefined();
  });
});

describe('isRetryable', () => {
  const refused = new ConnectionError('refused', { outcome: 'not-sent' });
  const reset = new ConnectionError('reset', { outcome: 'unknown' });
  const timeout = new TimeoutError('slow', { outcome: 'unknown' });

  it.each([
    ['a connection refused before sending', true, true, refused],
    ['a 429', true, true, answered(429)],
    ['a connection lost after sending', true, false, reset],
    ['a timeout', true, false, timeout],
    ['a 500', true, false, answered(500)],
    ['a 503', true, false, answered(503)],
    ['a 408', true, false, answered(408)],
    ['a 400', false, false, answered(400)],
    ['a 401', false, false, answered(401)],
    ['a 404', false, false, answered(404)],
  ])('retries %s: idempotent %s, unsafe %s', (_, idempotent, unsafe, error) => {
    expect(isRetryable(error, 'idempotent')).toBe(idempotent);
    expect(isRetryable(error, 'unsafe')).toBe(unsafe);
  });
});
