import {
  type Client,
  createClient,
  createConfig,
  createCustomer,
  createToken,
  schemas,
} from '@digitalpaye/client';
import * as v from 'valibot';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { credentials, customerInput, live, environment as xEnvironment } from './fixtures.js';

const baseUrl = inject('contractUrl');
let client: Client;

beforeAll(() => {
  client = createClient(createConfig({ baseUrl }));
});

const basic = () => `${credentials.apiKey}:${credentials.apiSecret}`;
const environment = { 'X-Environment': xEnvironment };

describe('generated SDK functions against the mock', () => {
  it('exchanges credentials for a token whose body passes the generated schema', async () => {
    const { data, response } = await createToken({ client, headers: environment, auth: basic });

    expect(response.status).toBe(200);
    expect(v.safeParse(schemas.vTokenResponse, data).success).toBe(true);
    expect(data?.data.exp).toBeGreaterThan(Date.now() / 1000);
  });

  it('creates a customer with the token, and the echo passes the generated schema', async () => {
    const token = await createToken({ client, headers: environment, auth: basic });
    const { data, response } = await createCustomer({
      client,
      headers: environment,
      auth: () => token.data?.data.token,
      body: customerInput,
    });

    expect(response.status).toBe(200);
    const parsed = v.safeParse(schemas.vCustomerResponse, data);
    expect(parsed.issues).toBeUndefined();
    expect(data?.data.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  // `Prefer: code=...` asks the mock for its examples; a live server cannot be asked for them.
  it.skipIf(live).each([
    [401, 'UnauthorizedError', /reconnecter/],
    [500, 'InternalServerError', /réessayer/],
  ])('returns the documented %i envelope with its French reason', async (status, code, reason) => {
    const { error, response } = await createCustomer({
      client,
      headers: { ...environment, Prefer: `code=${status}` },
      auth: () => 'any-token',
      body: customerInput,
    });

    expect(response.status).toBe(status);
    expect(v.safeParse(schemas.vErrorResponse, error).success).toBe(true);
    expect(error).toMatchObject({
      statusCode: status,
      message: code,
      reason: expect.stringMatching(reason),
    });
  });
});
