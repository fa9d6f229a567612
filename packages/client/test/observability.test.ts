import { describe, expect, it } from 'vitest';
import { customerInput, memoryLogger, send, sequence, useFakeApi } from './fake-api.js';

const fake = useFakeApi(300);

function loggedClient() {
  const logger = memoryLogger();
  const dp = fake.client({ logger });
  return { dp, logger };
}

describe('the logger', () => {
  it('receives each request and response with method, path, attempt, status and duration', async () => {
    const { dp, logger } = loggedClient();

    await dp.customers.create(customerInput);

    const events = logger.lines.map((l) => `${l.level} ${l.message} ${l.fields?.path ?? ''}`);
    expect(events).toEqual([
      'debug request /v1/auth',
      'debug response /v1/auth',
      'info token refreshed ',
      'debug request /v1/customer',
      'debug response /v1/customer',
    ]);
    const response = logger.lines.find(
      (l) => l.message === 'response' && l.fields?.path === '/v1/customer',
    );
    expect(response?.fields).toMatchObject({ method: 'POST', status: 200, attempt: 1 });
    expect(response?.fields?.durationMs).toBeTypeOf('number');
  });

  it('logs headers with the Authorization credentials masked', async () => {
    const { dp, logger } = loggedClient();

    await dp.customers.create(customerInput);

    const headers = logger.lines
      .filter((l) => l.message === 'request')
      .map((l) => (l.fields?.headers as Record<string, string> | undefined)?.Authorization);
    expect(headers).toEqual(['Basic [redacted]', 'Bearer [redacted]']);
    const sent = logger.lines.find((l) => l.message === 'request')?.fields?.headers;
    expect(sent).toMatchObject({ 'X-Environment': 'Sandbox', Accept: 'application/json' });
  });

  it('tells when a token is obtained and when it expires', async () => {
    const { dp, logger } = loggedClient();

    await dp.authenticate();

    const token = logger.lines.find((l) => l.message === 'token refreshed');
    expect(token?.fields).toMatchObject({ lifetimeSeconds: 300 });
    expect(Date.parse(String(token?.fields?.expiresAt))).toBeGreaterThan(Date.now() + 290_000);
  });

  it('warns of each retry with the attempt, the status and the delay', async () => {
    fake.api.route(
      '/v1/auth',
      sequence(
        (_, response) => send(response, 503, '', { 'Retry-After': '0' }),
        fake.api.defaults['/v1/auth'],
      ),
    );
    const { dp, logger } = loggedClient();

    await dp.authenticate();

    const retry = logger.lines.find((l) => l.message === 'retry');
    expect(retry?.level).toBe('warn');
    expect(retry?.fields).toEqual({
      method: 'POST',
      path: '/v1/auth',
      attempt: 1,
      delayMs: 0,
      status: 503,
      error: 'ServerError',
    });
  });

  it('cannot fail a call by throwing', async () => {
    const throwing = () => {
      throw new Error('log sink is down');
    };
    const dp = fake.client({
      logger: { debug: throwing, info: throwing, warn: throwing, error: throwing },
    });

    await expect(dp.customers.create(customerInput)).resolves.toMatchObject({ firstName: 'Aya' });
  });
});
