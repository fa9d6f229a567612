import { DigitalPaye, RequestValidationError, validateCreateCustomer } from '@digitalpaye/client';
import { type PrismServer, startPrism } from '@digitalpaye/testkit';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANARY } from '../src/canary.js';
import { captureError } from './support/capture.js';
import { brokenCustomer, validCustomer } from './support/customer-arbitraries.js';
import { checkProperty } from './support/property.js';

/** Cases per client-side property; DIGITALPAYE_FC_RUNS raises it for a longer hunt. */
const RUNS = Number(process.env.DIGITALPAYE_FC_RUNS ?? 1000);
/** Cases also sent to Prism, a few ms each on a busy machine. */
const PRISM_RUNS = Number(process.env.DIGITALPAYE_FC_PRISM_RUNS ?? 250);

function pathsOf(error: unknown): string[] {
  return error instanceof RequestValidationError ? error.issues.map((i) => i.path) : [];
}

/** A client whose every network call is counted and fails, to prove nothing is sent. */
function offlineClient() {
  const calls = { count: 0 };
  const dp = new DigitalPaye({
    apiKey: CANARY.apiKey,
    apiSecret: CANARY.apiSecret,
    environment: 'Sandbox',
    baseUrl: 'http://127.0.0.1:9',
    fetch: async () => {
      calls.count++;
      throw new Error('no request may be sent for an invalid input');
    },
  });
  return { dp, calls };
}

describe('customer input', () => {
  let prism: PrismServer;

  beforeAll(async () => {
    prism = await startPrism();
  }, 60_000);

  afterAll(() => prism?.stop());

  function postToPrism(body: unknown): Promise<Response> {
    return fetch(`${prism.url}/v1/customer`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Environment': 'Sandbox',
        Authorization: `Bearer ${CANARY.token}`,
      },
      body: JSON.stringify(body),
    });
  }

  describe('every valid input', () => {
    it(`passes client validation unchanged (${RUNS} cases)`, async () => {
      await checkProperty(
        fc.property(validCustomer, (input) => {
          expect(validateCreateCustomer(input)).toEqual({ success: true, output: input });
        }),
        RUNS,
      );
    });

    it(`is created by the client against Prism (${PRISM_RUNS} cases)`, async () => {
      const dp = new DigitalPaye({
        apiKey: CANARY.apiKey,
        apiSecret: CANARY.apiSecret,
        environment: 'Sandbox',
        baseUrl: prism.url,
      });

      await checkProperty(
        fc.asyncProperty(validCustomer, async (input) => {
          const customer = await dp.customers.create(input);
          expect(customer.id).toMatch(/^[0-9a-f-]{36}$/);
        }),
        PRISM_RUNS,
      );
    });
  });

  describe('every input broken in one field', () => {
    it(`is refused by client validation with that exact field path (${RUNS} cases)`, async () => {
      await checkProperty(
        fc.property(brokenCustomer, ({ input, path }) => {
          const result = validateCreateCustomer(input);
          expect(result.success).toBe(false);
          expect(result.success ? [] : [...new Set(result.issues.map((i) => i.path))]).toEqual([
            path,
          ]);
        }),
        RUNS,
      );
    });

    it(`is refused by customers.create before anything is sent (${RUNS} cases)`, async () => {
      const { dp, calls } = offlineClient();
      let runs = 0;

      await checkProperty(
        fc.asyncProperty(brokenCustomer, async ({ input, path }) => {
          const error = await dp.customers.create(input as never).catch((e: unknown) => e);
          // Every error printed every way would take seconds; one in 20 shows the same code paths.
          if (runs++ % 20 === 0) captureError('validation-errors.log', error);
          expect(error).toBeInstanceOf(RequestValidationError);
          expect(error).toMatchObject({ outcome: 'not-sent' });
          expect(new Set(pathsOf(error))).toEqual(new Set([path]));
          expect((error as Error).message).toContain(path);
        }),
        RUNS,
      );
      expect(calls.count).toBe(0);
    });

    it('is refused before sending, at address itself, when address is an array', async () => {
      const { dp, calls } = offlineClient();

      await checkProperty(
        fc.asyncProperty(validCustomer, fc.array(fc.string()), async (valid, address) => {
          const error = await dp.customers
            .create({ ...valid, address } as never)
            .catch((e: unknown) => e);
          expect(error).toBeInstanceOf(RequestValidationError);
          expect(pathsOf(error)).toEqual(['address']);
        }),
        RUNS,
      );
      expect(calls.count).toBe(0);
    });

    it(`is refused by Prism as well, so client and spec agree (${PRISM_RUNS} cases)`, async () => {
      await checkProperty(
        fc.asyncProperty(brokenCustomer, async ({ input }) => {
          const response = await postToPrism(input);
          await response.body?.cancel();
          expect(response.status).toBe(422);
        }),
        PRISM_RUNS,
      );
    });
  });
});
