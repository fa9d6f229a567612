import {
  AbortError,
  AuthenticationError,
  ConnectionError,
  type DigitalPaye,
  DigitalPayeError,
  RateLimitError,
  ServerError,
  TimeoutError,
} from '@digitalpaye/client';
import {
  EXPIRED_TOKEN_REASON,
  type Fault,
  type FaultServer,
  faultSequence,
  freePort,
} from '@digitalpaye/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CANARY, canaryStrings } from '../src/canary.js';
import { findLeaks } from '../src/sweep.js';
import {
  AUTH_FAULTS,
  CUSTOMER_FAULTS,
  FAULT_SEED,
  MIX_TIMEOUT,
  randomFaults,
} from './support/fault-mix.js';
import {
  canaryClient,
  createdByEmail,
  customerFor,
  startCanaryServer,
} from './support/fixtures.js';
import { expectNoSecret } from './support/secrets.js';

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
let server: FaultServer;
let n = 0;

beforeAll(() => {
  process.on('unhandledRejection', onUnhandled);
});

afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
});

beforeEach(async () => {
  server = await startCanaryServer();
});

afterEach(async () => {
  await server.close();
  expect(unhandled).toEqual([]);
});

/** Creates the next customer with the client, returning what was thrown, if anything. */
async function createUnder(
  customerFaults: (Fault | undefined)[],
  options: Parameters<typeof canaryClient>[1] = {},
): Promise<{ error: unknown; email: string }> {
  server.plan = faultSequence('customer', customerFaults);
  const { dp } = canaryClient(server, options);
  const input = customerFor(++n, 'client');
  const error = await dp.customers.create(input).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error !== undefined) expectNoSecret(error, server.tokens);
  return { error, email: input.email };
}

describe('customers.create against a misbehaving server', () => {
  describe('when the server may have acted, it is never retried and reported as unknown', () => {
    it('headers later than the timeout give a TimeoutError', async () => {
      const { error } = await createUnder([{ type: 'delay', ms: 3000 }], { timeout: 1000 });

      expect(error).toBeInstanceOf(TimeoutError);
      expect(error).toMatchObject({ outcome: 'unknown', path: '/v1/customer' });
      expect(server.count('customer')).toBe(1);
      expect(server.created).toHaveLength(1);
    });

    it('a body that stalls midway gives a TimeoutError', async () => {
      const { error } = await createUnder([{ type: 'stall-body' }], { timeout: 1000 });

      expect(error).toBeInstanceOf(TimeoutError);
      expect(error).toMatchObject({ outcome: 'unknown' });
      expect(server.count('customer')).toBe(1);
    });

    it('a reset after the customer was created gives a ConnectionError, and one customer', async () => {
      const { error, email } = await createUnder([{ type: 'reset-after-body' }]);

      expect(error).toBeInstanceOf(ConnectionError);
      expect(error).toMatchObject({ outcome: 'unknown' });
      expect(server.count('customer')).toBe(1);
      expect(createdByEmail(server).get(email)).toBe(1);
    });

    it('a reset before the body was read gives a ConnectionError, not retried', async () => {
      const { error } = await createUnder([{ type: 'reset-before-body' }]);

      expect(error).toBeInstanceOf(ConnectionError);
      expect(error).toMatchObject({ outcome: 'unknown' });
      expect(server.count('customer')).toBe(1);
      expect(server.created).toHaveLength(0);
    });

    it('a 200 with truncated JSON gives a DigitalPayeError, and one customer', async () => {
      const { error } = await createUnder([{ type: 'truncated-json' }]);

      expect(error).toBeInstanceOf(DigitalPayeError);
      expect(error).toMatchObject({ outcome: 'unknown', status: 200 });
      expect(server.count('customer')).toBe(1);
      expect(server.created).toHaveLength(1);
    });

    it('an HTML 502 gives a ServerError with a short excerpt', async () => {
      const { error } = await createUnder([{ type: 'html-502' }]);

      expect(error).toBeInstanceOf(ServerError);
      expect(error).toMatchObject({ status: 502, outcome: 'unknown' });
      expect((error as Error).message).toMatch(/^POST \/v1\/customer failed with 502/);
      expect((error as Error).message.length).toBeLessThan(300);
      expect(server.count('customer')).toBe(1);
    });

    it('an empty 500 gives a ServerError that says the body was empty', async () => {
      const { error } = await createUnder([{ type: 'empty-500', acts: true }]);

      expect(error).toBeInstanceOf(ServerError);
      expect(error).toMatchObject({ status: 500, outcome: 'unknown' });
      expect((error as Error).message).toMatch(/empty/);
      expect(server.count('customer')).toBe(1);
      expect(server.created).toHaveLength(1);
    });

    it('the documented 500 keeps its code and French reason', async () => {
      const { error } = await createUnder([{ type: 'server-error' }]);

      expect(error).toBeInstanceOf(ServerError);
      expect(error).toMatchObject({
        status: 500,
        code: 'InternalServerError',
        reason: "Une erreur s'est produite, veuillez réessayer.",
      });
      expect(server.count('customer')).toBe(1);
    });

    it('a 10 MiB error body gives a ServerError whose message stays short', async () => {
      const { error } = await createUnder([{ type: 'huge-body' }]);

      expect(error).toBeInstanceOf(ServerError);
      expect((error as Error).message.length).toBeLessThan(400);
      expect(server.count('customer')).toBe(1);
    });
  });

  describe('when the server certainly did not act, it is retried', () => {
    it('a 429 with Retry-After: 0 is retried once and creates one customer', async () => {
      const { error, email } = await createUnder([{ type: 'rate-limit', retryAfter: '0' }]);

      expect(error).toBeUndefined();
      expect(server.count('customer')).toBe(2);
      expect(createdByEmail(server).get(email)).toBe(1);
    });

    it('a 429 waits out its Retry-After', async () => {
      const started = performance.now();

      const { error } = await createUnder([{ type: 'rate-limit', retryAfter: '1' }]);

      expect(error).toBeUndefined();
      expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    });

    it('a 429 on every attempt gives a RateLimitError with retryAfter after maxRetries', async () => {
      const limited: Fault = { type: 'rate-limit', retryAfter: '0' };
      const { error } = await createUnder([limited, limited, limited, limited], { maxRetries: 2 });

      expect(error).toBeInstanceOf(RateLimitError);
      expect(error).toMatchObject({ status: 429, retryAfter: 0, outcome: 'refused' });
      expect(server.count('customer')).toBe(3);
      expect(server.created).toHaveLength(0);
    });

    it('a refused connection is retried, then reported as not sent', async () => {
      const port = await freePort();
      let attempts = 0;
      const { dp } = canaryClient(server, {
        apiKey: undefined,
        apiSecret: undefined,
        accessToken: CANARY.token,
        baseUrl: `http://127.0.0.1:${port}`,
        maxRetries: 1,
        fetch: (input, init) => {
          attempts++;
          return fetch(input, init);
        },
      });

      const error = await dp.customers.create(customerFor(++n, 'client')).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(ConnectionError);
      expect(error).toMatchObject({ outcome: 'not-sent' });
      expect(attempts).toBe(2);
      expectNoSecret(error);
    });

    it('an expired token is exchanged once more and the call repeated once', async () => {
      const { error, email } = await createUnder([{ type: 'token-expired' }]);

      expect(error).toBeUndefined();
      expect(server.count('auth')).toBe(2);
      expect(server.count('customer')).toBe(2);
      expect(createdByEmail(server).get(email)).toBe(1);
    });

    it('a second 401 gives an AuthenticationError with the French reason', async () => {
      const expired: Fault = { type: 'token-expired' };
      const { error } = await createUnder([expired, expired]);

      expect(error).toBeInstanceOf(AuthenticationError);
      expect(error).toMatchObject({
        status: 401,
        reason: EXPIRED_TOKEN_REASON,
        outcome: 'refused',
      });
      expect(server.count('customer')).toBe(2);
      expect(server.created).toHaveLength(0);
    });
  });

  describe('the caller', () => {
    it('aborts with its own signal: an AbortError, not a TimeoutError', async () => {
      server.plan = faultSequence('customer', [{ type: 'delay', ms: 5000 }]);
      const { dp } = canaryClient(server);
      const controller = new AbortController();
      const arrived = setInterval(() => server.count('customer') > 0 && controller.abort(), 5);

      const error = await dp.customers
        .create(customerFor(++n, 'client'), { signal: controller.signal })
        .catch((e: unknown) => e)
        .finally(() => clearInterval(arrived));

      expect(error).toBeInstanceOf(AbortError);
      expect(error).not.toBeInstanceOf(TimeoutError);
      expect(error).toMatchObject({ outcome: 'unknown' });
      expect(server.count('customer')).toBe(1);
      expectNoSecret(error, server.tokens);
    });
  });
});

describe('/v1/auth against a misbehaving server', () => {
  it('failing for a while is retried until it answers, then the customer is created once', async () => {
    server.plan = faultSequence('auth', [{ type: 'empty-500' }, { type: 'html-502' }]);
    const { dp } = canaryClient(server, { maxRetries: 2 });
    const input = customerFor(++n, 'client');

    await dp.customers.create(input);

    expect(server.count('auth')).toBe(3);
    expect(createdByEmail(server).get(input.email)).toBe(1);
  });

  it('a reset after issuing a token is retried: the exchange is idempotent', async () => {
    server.plan = faultSequence('auth', [{ type: 'reset-after-body' }]);
    const { dp } = canaryClient(server);

    await dp.customers.create(customerFor(++n, 'client'));

    expect(server.tokens).toHaveLength(2);
    expect(server.created).toHaveLength(1);
  });

  it('down for longer than the retries: the create is reported as not sent', async () => {
    const down: Fault = { type: 'server-error' };
    server.plan = faultSequence('auth', [down, down, down]);
    const { dp } = canaryClient(server, { maxRetries: 1 });

    const error = await dp.customers.create(customerFor(++n, 'client')).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ path: '/v1/auth', outcome: 'not-sent' });
    expect(server.count('auth')).toBe(2);
    expect(server.count('customer')).toBe(0);
    expectNoSecret(error, server.tokens);
  });

  it('wrong credentials give an AuthenticationError without retry and without the secret', async () => {
    const { dp } = canaryClient(server, { apiSecret: `${CANARY.apiSecret}-wrong` });

    const error = await dp.customers.create(customerFor(++n, 'client')).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AuthenticationError);
    expect(server.count('auth')).toBe(1);
    expect(server.count('customer')).toBe(0);
    expectNoSecret(error);
    expect(String(error)).not.toContain(`${CANARY.apiSecret}-wrong`);
  });
});

describe('secrets in what the client reports', () => {
  it('a proxy page on /v1/auth echoing the Basic credentials shows up without them', async () => {
    const echo: Fault = { type: 'echo-auth' };
    server.plan = faultSequence('auth', [echo, echo]);
    const { dp } = canaryClient(server, { maxRetries: 1 });

    const error = await dp.customers.create(customerFor(++n, 'client')).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ServerError);
    expect((error as Error).message).toMatch(/failed with 502 .*Authorization: Basic/);
    expectNoSecret(error);
  });

  it('a proxy page on /v1/customer echoing the bearer token shows up without it', async () => {
    const { error } = await createUnder([{ type: 'echo-auth' }]);

    expect(error).toBeInstanceOf(ServerError);
    expect((error as Error).message).toMatch(/Authorization: Bearer/);
    expect(server.tokens).toHaveLength(1);
    expect(String(error)).not.toContain(server.tokens[0]);
  });

  it('log lines carry method, path and status, but no secret and no token', async () => {
    server.plan = faultSequence('customer', [
      { type: 'token-expired' },
      { type: 'rate-limit', retryAfter: '0' },
    ]);
    const { dp, logger } = canaryClient(server);

    await dp.customers.create(customerFor(++n, 'client'));

    const log = logger.lines.join('\n');
    expect(log).toMatch(/\/v1\/customer/);
    expect(log).toMatch(/Bearer/);
    expect(server.tokens).toHaveLength(2);
    expect(findLeaks(log, 'log', canaryStrings(server.tokens))).toEqual([]);
  });
});

/** Starts `count` creates at the same time and waits for all of them. */
function createAtOnce(dp: DigitalPaye, count: number) {
  const inputs = Array.from({ length: count }, () => customerFor(++n, 'client'));
  return Promise.all(inputs.map((input) => dp.customers.create(input)));
}

describe('token single flight', () => {
  it('50 simultaneous creates on a cold client make one /v1/auth request', async () => {
    const { dp } = canaryClient(server);
    await createAtOnce(dp, 50);

    expect(server.count('auth')).toBe(1);
    expect(server.created).toHaveLength(50);
  });

  it('50 simultaneous creates share one slow exchange', async () => {
    server.plan = faultSequence('auth', [{ type: 'delay', ms: 300 }]);
    const { dp } = canaryClient(server);
    await createAtOnce(dp, 50);

    expect(server.count('auth')).toBe(1);
    expect(server.tokens).toHaveLength(1);
  });

  it('a burst of 401s on one expired token makes one new exchange, not one per 401', async () => {
    const { dp } = canaryClient(server);
    await dp.customers.create(customerFor(++n, 'client'));
    server.expireTokens();
    // Each 401 comes back late, so that all 20 calls are sent with the expired token first.
    server.plan = faultSequence('customer', [...Array(21).fill({ type: 'delay', ms: 150 })]);

    await createAtOnce(dp, 20);

    expect(server.count('auth')).toBe(2);
    expect(server.requests.filter((r) => r.status === 401)).toHaveLength(20);
    expect(server.created).toHaveLength(21);
  });
});

describe('a random mix of faults', () => {
  it(`never creates two customers for one call, and every failure says what happened (seed ${FAULT_SEED})`, async () => {
    const mix = randomFaults(FAULT_SEED, 0.35, {
      customer: [...CUSTOMER_FAULTS, { type: 'token-expired' }],
      auth: AUTH_FAULTS,
    });
    server.plan = mix.plan;
    const { dp } = canaryClient(server, { timeout: MIX_TIMEOUT, maxRetries: 2 });
    const inputs = Array.from({ length: 150 }, () => customerFor(++n, 'mix'));
    const results: { email: string; id?: string; error?: unknown }[] = [];

    const queue = [...inputs];
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        for (let input = queue.shift(); input; input = queue.shift()) {
          const email = input.email;
          await dp.customers.create(input).then(
            (customer) => results.push({ email, id: customer.id }),
            (error: unknown) => results.push({ email, error }),
          );
        }
      }),
    );

    const created = createdByEmail(server);
    const summary = { created: 0, refused: 0, notSent: 0, unknown: 0 };
    for (const { email, id, error } of results) {
      const count = created.get(email) ?? 0;
      expect(count, email).toBeLessThanOrEqual(1);
      if (id !== undefined) {
        expect(server.created.find((c) => c.body.email === email)?.id).toBe(id);
        summary.created++;
        continue;
      }
      expect(error).toBeInstanceOf(DigitalPayeError);
      expectNoSecret(error, server.tokens);
      const { outcome } = error as DigitalPayeError;
      if (outcome === 'unknown') summary.unknown++;
      else {
        expect(count, `${email} was ${outcome} yet created`).toBe(0);
        if (outcome === 'refused') summary.refused++;
        else summary.notSent++;
      }
    }
    console.info(
      `fault mix seed ${FAULT_SEED}: ${JSON.stringify(Object.fromEntries(mix.given))} -> ${JSON.stringify(summary)}`,
    );
    expect(results).toHaveLength(150);
    expect(summary.created).toBeGreaterThan(30);
  }, 30_000);
});
