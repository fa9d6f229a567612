import { type HttpTestServer, startHttpServer } from '@digitalpaye/testkit';
import { describe, expect, it } from 'vitest';
import {
  AbortError,
  ConnectionError,
  RateLimitError,
  ServerError,
  TimeoutError,
} from '../src/errors.js';
import { createRedactor, type Logger } from '../src/logger.js';
import type { RetryPolicy } from '../src/retry.js';
import { createTransport } from '../src/transport.js';
import { customerInput, failure, memoryLogger, send, sequence, useFakeApi } from './fake-api.js';

const fake = useFakeApi();

const serverError = failure(
  500,
  'InternalServerError',
  'Une erreur est survenue, veuillez réessayer',
);

/** The transport alone with millisecond backoff, so retry counts cost no time. */
function quickTransport(logger: Logger, maxRetries = 2, baseUrl = fake.api.url) {
  return createTransport({
    baseUrl,
    environment: 'Sandbox',
    fetch,
    timeout: 2_000,
    maxRetries,
    logger,
    redactor: createRedactor(),
    backoff: { initialDelay: 4, maxDelay: 16, maxRetryAfter: 60_000 },
    random: () => 0.5,
  });
}

function call(path: '/v1/auth' | '/v1/customer', retry: RetryPolicy) {
  return { method: 'POST', path, authorization: 'Bearer t', body: {}, retry } as const;
}

function never(): void {}

describe('timeouts', () => {
  it('raises TimeoutError when headers do not come within the timeout, and does not retry create', async () => {
    const dp = fake.client({ timeout: 400, maxRetries: 2 });
    await dp.authenticate();
    fake.api.route('/v1/customer', never);
    const started = Date.now();

    const error = await dp.customers.create(customerInput).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ outcome: 'unknown', path: '/v1/customer' });
    expect((error as Error).message).toBe('POST /v1/customer timed out after 400 ms');
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(fake.api.customerCalls()).toBe(1);
  });

  it('counts the body in the timeout: a body that stalls half-way times out', async () => {
    fake.api.route('/v1/customer', (_, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.write('{"statusCode":200,');
    });

    await expect(
      fake.client().customers.create(customerInput, { timeout: 300 }),
    ).rejects.toMatchObject({ name: 'TimeoutError', path: '/v1/customer' });
  });

  it('takes a per-call timeout over the client one', async () => {
    fake.api.route('/v1/customer', never);

    const error = await fake
      .client({ timeout: 10_000 })
      .customers.create(customerInput, { timeout: 100 })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toContain('100 ms');
  });
});

describe('abort', () => {
  it('raises AbortError at once when the caller aborts a call in flight', async () => {
    const controller = new AbortController();
    fake.api.route('/v1/customer', () => controller.abort());
    const started = Date.now();

    const error = await fake
      .client()
      .customers.create(customerInput, { signal: controller.signal })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AbortError);
    expect(error).not.toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ outcome: 'unknown', path: '/v1/customer' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('sends nothing when the signal is already aborted', async () => {
    const error = await fake
      .client()
      .customers.create(customerInput, { signal: AbortSignal.abort() })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AbortError);
    expect(error).toMatchObject({ outcome: 'not-sent' });
    expect(fake.api.customerCalls()).toBe(0);
  });

  it('names the call, not the token exchange, when the token is already at hand', async () => {
    const dp = fake.client();
    await dp.authenticate();

    const error = await dp.customers
      .create(customerInput, { signal: AbortSignal.abort() })
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ name: 'AbortError', path: '/v1/customer', outcome: 'not-sent' });
    expect(fake.api.customerCalls()).toBe(0);
  });

  it('stops waiting for the token without cancelling it for other callers', async () => {
    let release = () => {};
    const arrived = new Promise<void>((resolve) => {
      fake.api.route('/v1/auth', (request, response) => {
        release = () => fake.api.defaults['/v1/auth'](request, response);
        resolve();
      });
    });
    const dp = fake.client();
    const controller = new AbortController();

    const aborted = dp.customers.create(customerInput, { signal: controller.signal });
    const other = dp.customers.create(customerInput);
    await arrived;
    controller.abort();

    await expect(aborted).rejects.toMatchObject({ name: 'AbortError', outcome: 'not-sent' });
    release();
    await expect(other).resolves.toMatchObject({ firstName: 'Aya' });
    expect(fake.api.authCalls()).toBe(1);
    expect(fake.api.customerCalls()).toBe(1);
  });

  it('interrupts the wait between two attempts', async () => {
    fake.api.route('/v1/customer', (_, response) =>
      send(response, 429, failure(429, 'TooManyRequests', 'Trop de requêtes'), {
        'Retry-After': '30',
      }),
    );
    const controller = new AbortController();
    const logger = memoryLogger();
    const started = Date.now();

    const pending = fake
      .client({
        logger: {
          ...logger,
          warn(message, fields) {
            logger.warn(message, fields);
            setTimeout(() => controller.abort(), 20);
          },
        },
      })
      .customers.create(customerInput, { signal: controller.signal });

    await expect(pending).rejects.toMatchObject({ name: 'AbortError', outcome: 'refused' });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(logger.lines.some((l) => l.message === 'retry' && l.fields?.delayMs === 30_000)).toBe(
      true,
    );
  });
});

describe('retries of the token exchange (idempotent)', () => {
  it.each([
    [503, 3],
    [500, 3],
    [408, 3],
    [429, 3],
    [400, 1],
    [403, 1],
  ])('after a %i, makes %i attempt(s) with maxRetries 2', async (status, attempts) => {
    fake.api.route('/v1/auth', (_, response) => send(response, status, failure(status, 'E', 'r')));

    await expect(
      quickTransport(memoryLogger())(call('/v1/auth', 'idempotent')),
    ).rejects.toMatchObject({
      status,
    });

    expect(fake.api.authCalls()).toBe(attempts);
  });

  it('retries a connection refused, and a lost connection', async () => {
    const closed = await startHttpServer(never);
    await closed.stop();
    const logger = memoryLogger();

    const error = await quickTransport(
      logger,
      3,
      closed.url,
    )(call('/v1/auth', 'idempotent')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ outcome: 'not-sent' });
    expect(logger.lines.filter((l) => l.message === 'request')).toHaveLength(4);

    fake.api.route('/v1/auth', (request) => request.raw.socket.destroy());
    await expect(
      quickTransport(memoryLogger())(call('/v1/auth', 'idempotent')),
    ).rejects.toMatchObject({
      name: 'ConnectionError',
      outcome: 'unknown',
    });
    expect(fake.api.authCalls()).toBe(3);
  });

  it('waits with exponential backoff and jitter between attempts', async () => {
    fake.api.route('/v1/auth', (_, response) => send(response, 503, ''));
    const logger = memoryLogger();

    await quickTransport(logger, 4)(call('/v1/auth', 'idempotent')).catch(() => undefined);

    const delays = logger.lines.filter((l) => l.message === 'retry').map((l) => l.fields?.delayMs);
    expect(delays).toEqual([3, 6, 12, 12]);
  });

  it('recovers from a 503 at the client level when Retry-After allows it', async () => {
    fake.api.route(
      '/v1/auth',
      sequence(
        (_, response) => send(response, 503, serverError, { 'Retry-After': '0' }),
        fake.api.defaults['/v1/auth'],
      ),
    );

    await expect(fake.client().customers.create(customerInput)).resolves.toMatchObject({
      firstName: 'Aya',
    });
    expect(fake.api.authCalls()).toBe(2);
  });
});

describe('retries of create (not idempotent)', () => {
  it.each([500, 502, 503])(
    'never retries a %i by default: the customer may exist',
    async (status) => {
      fake.api.route('/v1/customer', (_, response) =>
        send(response, status, serverError, { 'Retry-After': '0' }),
      );

      const error = await fake
        .client({ maxRetries: 5 })
        .customers.create(customerInput)
        .catch((e: unknown) => e);

      expect(error).toBeInstanceOf(ServerError);
      expect(error).toMatchObject({ outcome: 'unknown', status });
      expect(fake.api.customerCalls()).toBe(1);
    },
  );

  it('never retries a lost connection or a timeout under the unsafe policy', async () => {
    fake.api.route('/v1/customer', (request) => request.raw.socket.destroy());
    await expect(
      quickTransport(memoryLogger())(call('/v1/customer', 'unsafe')),
    ).rejects.toMatchObject({
      name: 'ConnectionError',
      outcome: 'unknown',
    });
    expect(fake.api.customerCalls()).toBe(1);
  });

  it('retries a 429, waiting what Retry-After asks', async () => {
    fake.api.route(
      '/v1/customer',
      sequence(
        (_, response) =>
          send(response, 429, failure(429, 'TooManyRequests', 'Trop de requêtes'), {
            'Retry-After': '1',
          }),
        fake.api.defaults['/v1/customer'],
      ),
    );
    const started = Date.now();

    await expect(fake.client().customers.create(customerInput)).resolves.toMatchObject({
      firstName: 'Aya',
    });

    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(fake.api.customerCalls()).toBe(2);
  });

  it('gives up on a Retry-After over 60 s, handing it to the caller', async () => {
    fake.api.route('/v1/customer', (_, response) =>
      send(response, 429, failure(429, 'TooManyRequests', 'Trop de requêtes'), {
        'Retry-After': '120',
      }),
    );

    const error = await fake
      .client()
      .customers.create(customerInput)
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ retryAfter: 120, outcome: 'refused' });
    expect(fake.api.customerCalls()).toBe(1);
  });

  it('reports retryAfter as undefined when the 429 does not say', async () => {
    fake.api.route('/v1/customer', (_, response) => send(response, 429, ''));

    const error = await fake
      .client({ maxRetries: 0 })
      .customers.create(customerInput)
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBeUndefined();
  });

  it('retries a connection refused before sending, and succeeds once the server is back', async () => {
    const { port } = fake.api.server;
    let revived: Promise<HttpTestServer> | undefined;
    const logger = memoryLogger();
    const dp = fake.client({
      maxRetries: 1,
      logger: {
        ...logger,
        warn(message, fields) {
          logger.warn(message, fields);
          revived ??= startHttpServer(fake.api.defaults['/v1/customer'], { port });
        },
      },
    });
    await dp.authenticate();
    await fake.api.stop();

    const customer = await dp.customers.create(customerInput);

    const server = await revived;
    expect(customer.firstName).toBe('Aya');
    expect(logger.lines.find((l) => l.message === 'retry')?.fields).toMatchObject({
      error: 'ConnectionError',
      attempt: 1,
    });
    expect(server?.requests).toHaveLength(1);
    await server?.stop();
  });

  it('retries 5xx and timeouts when retryNonIdempotent is set', async () => {
    fake.api.route(
      '/v1/customer',
      sequence(
        (_, response) => send(response, 500, serverError, { 'Retry-After': '0' }),
        fake.api.defaults['/v1/customer'],
      ),
    );

    await expect(
      fake.client({ retryNonIdempotent: true }).customers.create(customerInput),
    ).resolves.toMatchObject({ firstName: 'Aya' });
    expect(fake.api.customerCalls()).toBe(2);
  });

  it('keeps the worst outcome of all attempts: a 5xx then a refused connection is unknown', async () => {
    const logger = memoryLogger();
    const transport = quickTransport({ ...logger, warn: () => void fake.api.stop() }, 1);
    fake.api.route('/v1/customer', (_, response) => send(response, 500, serverError));

    const error = await transport(call('/v1/customer', 'idempotent')).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ outcome: 'unknown' });
  });
});
