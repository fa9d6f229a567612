import { inspect } from 'node:util';
import { startHttpServer } from '@digitalpaye/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DigitalPaye } from '../src/client.js';
import type { DigitalPayeOptions } from '../src/options.js';
import {
  BASIC,
  CANARY_SECRET,
  clientFor,
  customerInput,
  type FakeApi,
  failure,
  memoryLogger,
  send,
  startFakeApi,
} from './fake-api.js';

let api: FakeApi;
const logger = memoryLogger();
const errors: unknown[] = [];
const clients: DigitalPaye[] = [];

function client(options: DigitalPayeOptions = {}) {
  const dp = clientFor(api, { logger, maxRetries: 0, ...options });
  clients.push(dp);
  return dp;
}

async function failure$(promise: Promise<unknown>): Promise<unknown> {
  const error = await promise.then(
    () => expect.unreachable('the call should have failed'),
    (e: unknown) => e,
  );
  errors.push(error);
  return error;
}

/** Every way a secret could be shown: message, toString, JSON, util.inspect with everything. */
function renderings(value: unknown): string[] {
  const base = [inspect(value, { depth: 10, showHidden: true }), JSON.stringify(value) ?? ''];
  return value instanceof Error ? [...base, value.message, String(value), value.stack ?? ''] : base;
}

function secrets(): string[] {
  return [CANARY_SECRET, BASIC.slice('Basic '.length), ...api.issued];
}

beforeAll(async () => {
  api = await startFakeApi();
});

afterAll(async () => {
  await api.stop();
});

describe('a canary secret', () => {
  it('is absent from the error of a 401 on /v1/auth whose reason echoes the credentials', async () => {
    api.route('/v1/auth', (request, response) =>
      send(
        response,
        401,
        failure(401, 'UnauthorizedError', `Identifiants refusés: ${request.headers.authorization}`),
      ),
    );

    const error = await failure$(client().customers.create(customerInput));

    expect((error as Error).message).toContain('Identifiants refusés: Basic [redacted]');
    api.route('/v1/auth', api.defaults['/v1/auth']);
  });

  it('is absent from the error of a 401 on create whose reason echoes the token', async () => {
    api.route('/v1/customer', (request, response) =>
      send(
        response,
        401,
        failure(401, 'UnauthorizedError', `Jeton ${request.headers.authorization} expiré`),
      ),
    );

    const error = await failure$(client().customers.create(customerInput));

    expect((error as Error).message).toContain('Jeton Bearer [redacted] expiré');
  });

  it('is absent from a non-JSON body excerpt that echoes the credentials', async () => {
    api.route('/v1/auth', (request, response) =>
      send(response, 502, `<html>${request.headers.authorization}</html>`, {
        'Content-Type': 'text/html',
      }),
    );

    await failure$(client().authenticate());
    api.route('/v1/auth', api.defaults['/v1/auth']);
  });

  it('is absent from timeout, abort, connection, validation and configuration errors', async () => {
    api.route('/v1/customer', () => undefined);
    await failure$(client({ timeout: 50 }).customers.create(customerInput));
    await failure$(client().customers.create(customerInput, { signal: AbortSignal.timeout(50) }));
    await failure$(client().customers.create({ ...customerInput, email: CANARY_SECRET }));

    const closed = await startHttpServer(() => undefined);
    await closed.stop();
    await failure$(client({ baseUrl: closed.url }).authenticate());

    try {
      client({ environment: 'Staging' as 'Sandbox' });
    } catch (error) {
      errors.push(error);
    }
    expect(errors).toHaveLength(8);
  });

  it('is absent from the strict response check of a token answer', async () => {
    api.route('/v1/auth', (_, response) =>
      send(response, 200, {
        statusCode: 200,
        message: 'Successful',
        data: { token: 42, exp: CANARY_SECRET },
      }),
    );

    await failure$(client({ validateResponses: 'strict' }).authenticate());
    api.route('/v1/auth', api.defaults['/v1/auth']);
  });

  it('appears in no error, client, or log line of this whole file', () => {
    expect(api.issued.length).toBeGreaterThan(0);
    expect(logger.lines.length).toBeGreaterThan(10);
    const shown = [
      ...errors.flatMap(renderings),
      ...clients.flatMap(renderings),
      ...logger.lines.map((line) => inspect(line, { depth: 10 })),
    ];

    for (const secret of secrets()) {
      expect(shown.filter((text) => text.includes(secret))).toEqual([]);
    }
  });
});
