import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuthenticationError, ConfigurationError } from '../src/errors.js';
import { createRedactor } from '../src/logger.js';
import type { DigitalPayeOptions } from '../src/options.js';
import { createTokenSource, lifetimeSeconds } from '../src/tokens.js';
import { createTransport } from '../src/transport.js';
import { createResponseCheck } from '../src/validation.js';
import {
  API_KEY,
  CANARY_SECRET,
  clientFor,
  customerInput,
  type FakeApi,
  failure,
  jwt,
  memoryLogger,
  send,
  sequence,
  startFakeApi,
} from './fake-api.js';

let api: FakeApi;

afterEach(async () => {
  await api?.stop();
});

function client(options: DigitalPayeOptions = {}) {
  return clientFor(api, options);
}

/** The token source alone, with a clock the test moves. */
function tokenSource(clock: { now: number }) {
  const redactor = createRedactor();
  const transport = createTransport({
    baseUrl: api.url,
    environment: 'Sandbox',
    fetch,
    timeout: 5_000,
    maxRetries: 0,
    logger: undefined,
    redactor,
  });
  return createTokenSource(
    { kind: 'key', apiKey: API_KEY, apiSecret: CANARY_SECRET },
    {
      transport,
      checkResponse: createResponseCheck('strict', undefined),
      redactor,
      logger: undefined,
      now: () => clock.now,
    },
  );
}

describe('token exchange', () => {
  beforeEach(async () => {
    api = await startFakeApi();
  });

  it('sends the key and secret as Basic credentials to POST /v1/auth', async () => {
    await client().customers.create(customerInput);

    const [auth] = api.server.requestsTo('/v1/auth');
    expect(auth?.method).toBe('POST');
    expect(auth?.headers.authorization).toBe(
      `Basic ${Buffer.from(`${API_KEY}:${CANARY_SECRET}`).toString('base64')}`,
    );
    expect(auth?.headers['x-environment']).toBe('Sandbox');
  });

  it('shares one exchange among 50 simultaneous calls on a cold client', async () => {
    const dp = client();

    const customers = await Promise.all(
      Array.from({ length: 50 }, () => dp.customers.create(customerInput)),
    );

    expect(customers).toHaveLength(50);
    expect(api.authCalls()).toBe(1);
    expect(api.customerCalls()).toBe(50);
  });

  it('reuses the cached token for later calls', async () => {
    const dp = client();

    await dp.customers.create(customerInput);
    await dp.customers.create(customerInput);

    expect(api.authCalls()).toBe(1);
    const bearers = api.server.requestsTo('/v1/customer').map((r) => r.headers.authorization);
    expect(new Set(bearers).size).toBe(1);
  });

  it('lets a failed exchange be tried again by the next call', async () => {
    api.route(
      '/v1/auth',
      sequence(
        (_, response) => send(response, 401, failure(401, 'UnauthorizedError', 'Clé invalide')),
        api.defaults['/v1/auth'],
      ),
    );
    const dp = client();

    await expect(dp.customers.create(customerInput)).rejects.toBeInstanceOf(AuthenticationError);
    await expect(dp.customers.create(customerInput)).resolves.toMatchObject({ firstName: 'Aya' });
    expect(api.authCalls()).toBe(2);
  });
});

describe('token expiry', () => {
  it('reads the lifetime from the token instead of assuming 600 s', () => {
    expect(lifetimeSeconds(jwt(1_000, 1_120), 1_120, 0)).toBe(120);
    expect(lifetimeSeconds(jwt(1_000, 4_600), 4_600, 0)).toBe(3_600);
  });

  it('falls back to the local clock when the token carries no iat', () => {
    expect(lifetimeSeconds('not-a-jwt', 1_300, 1_000_000)).toBe(300);
  });

  it.each([
    [600, 539, 1],
    [600, 541, 2],
    [120, 107, 1],
    [120, 109, 2],
  ])(
    'with a %i s token, %i s later has made %i exchange(s) in all (refreshing at nine tenths of the lifetime)',
    async (lifetime, elapsed, exchanges) => {
      api = await startFakeApi(lifetime);
      const clock = { now: Date.now() };
      const tokens = tokenSource(clock);

      const first = await tokens.get();
      clock.now += elapsed * 1000;
      const second = await tokens.get();

      expect(api.authCalls()).toBe(exchanges);
      expect(second === first).toBe(exchanges === 1);
    },
  );

  it('keeps using the current token when the early refresh fails, until it expires', async () => {
    api = await startFakeApi(600);
    const clock = { now: Date.now() };
    const tokens = tokenSource(clock);
    const first = await tokens.get();
    api.route('/v1/auth', (_, response) => send(response, 503, ''));

    clock.now += 580_000;
    await expect(tokens.get()).resolves.toBe(first);

    clock.now += 30_000;
    await expect(tokens.get()).rejects.toMatchObject({ name: 'ServerError', path: '/v1/auth' });
    expect(api.authCalls()).toBe(3);
  });

  it('says when the token expires through authenticate(), without the token', async () => {
    api = await startFakeApi(300);
    const before = Date.now();

    const info = await client().authenticate();

    expect(Object.keys(info).sort()).toEqual(['environment', 'expiresAt']);
    expect(info.environment).toBe('Sandbox');
    expect(info.expiresAt.getTime()).toBeGreaterThanOrEqual(before + 299_000);
    expect(info.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 300_000);
    expect(JSON.stringify(info)).not.toContain(api.issued[0]);
  });
});

describe('a 401 on create', () => {
  beforeEach(async () => {
    api = await startFakeApi();
  });

  it('drops the token, exchanges once more and repeats the call once', async () => {
    const dp = client();
    await dp.customers.create(customerInput);
    api.revokeTokens();

    const customer = await dp.customers.create(customerInput);

    expect(customer.firstName).toBe('Aya');
    expect(api.authCalls()).toBe(2);
    expect(api.customerCalls()).toBe(3);
  });

  it('raises AuthenticationError on a second 401, after exactly one new exchange', async () => {
    api.route('/v1/customer', (_, response) =>
      send(response, 401, failure(401, 'UnauthorizedError', 'Jeton expiré')),
    );

    const error = await client()
      .customers.create(customerInput)
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, path: '/v1/customer', outcome: 'refused' });
    expect(api.authCalls()).toBe(2);
    expect(api.customerCalls()).toBe(2);
  });

  it('shares the re-exchange among calls refused with the same token', async () => {
    const dp = client();
    await dp.customers.create(customerInput);
    api.revokeTokens();

    await Promise.all(Array.from({ length: 10 }, () => dp.customers.create(customerInput)));

    expect(api.authCalls()).toBe(2);
  });

  it('logs the refusal and the new token', async () => {
    const logger = memoryLogger();
    const dp = client({ logger });
    await dp.customers.create(customerInput);
    api.revokeTokens();

    await dp.customers.create(customerInput);

    const messages = logger.lines.filter((l) => l.level === 'info').map((l) => l.message);
    expect(messages).toEqual([
      'token refreshed',
      'token refused, getting a new one',
      'token refreshed',
    ]);
  });
});

describe('a 401 from /v1/auth', () => {
  beforeEach(async () => {
    api = await startFakeApi();
  });

  it('raises AuthenticationError at once, without retrying or sending the call', async () => {
    const dp = client({ apiSecret: 'wrong-secret-value' });

    const error = await dp.customers.create(customerInput).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ path: '/v1/auth', status: 401, outcome: 'not-sent' });
    expect(api.authCalls()).toBe(1);
    expect(api.customerCalls()).toBe(0);
  });

  it('keeps its own outcome when raised by authenticate()', async () => {
    const dp = client({ apiSecret: 'wrong-secret-value' });

    await expect(dp.authenticate()).rejects.toMatchObject({
      name: 'AuthenticationError',
      outcome: 'refused',
    });
  });
});

describe('accessToken instead of key and secret', () => {
  beforeEach(async () => {
    api = await startFakeApi();
  });

  it('sends a fixed token without any exchange, and does not repeat after a 401', async () => {
    const error = await client({
      apiKey: undefined,
      apiSecret: undefined,
      accessToken: 'fixed-token-value',
    })
      .customers.create(customerInput)
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AuthenticationError);
    expect(api.authCalls()).toBe(0);
    expect(api.server.requestsTo('/v1/customer').map((r) => r.headers.authorization)).toEqual([
      'Bearer fixed-token-value',
    ]);
  });

  it('calls a token function before each call, and once more after a 401', async () => {
    const valid = jwt(0, 4_000_000_000);
    api.issued.push(valid);
    const handed = ['revoked-token-1', valid, valid];
    let calls = 0;
    const dp = client({
      apiKey: undefined,
      apiSecret: undefined,
      accessToken: async () => handed[calls++] ?? valid,
    });

    await dp.customers.create(customerInput);
    await dp.customers.create(customerInput);

    expect(calls).toBe(3);
    expect(api.customerCalls()).toBe(3);
  });

  it('reports the expiry of a JWT access token through authenticate()', async () => {
    const dp = client({
      apiKey: undefined,
      apiSecret: undefined,
      accessToken: jwt(0, 2_000_000_000),
    });

    await expect(dp.authenticate()).resolves.toEqual({
      environment: 'Sandbox',
      expiresAt: new Date(2_000_000_000_000),
    });
  });

  it('names the problem when the function returns no token', async () => {
    const dp = client({ apiKey: undefined, apiSecret: undefined, accessToken: async () => '' });

    await expect(dp.customers.create(customerInput)).rejects.toThrow(ConfigurationError);
    expect(api.customerCalls()).toBe(0);
  });
});
