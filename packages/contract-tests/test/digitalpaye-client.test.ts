import {
  AuthenticationError,
  DigitalPaye,
  type DigitalPayeOptions,
  RequestValidationError,
  ServerError,
} from '@digitalpaye/client';
import { describe, expect, inject, it } from 'vitest';
import { credentials, customerInput, environment, live } from './fixtures.js';

const baseUrl = inject('contractUrl');
// `Prefer: code=...` asks the mock for one of its examples; neither a live server
// nor the validating proxy in front of it can be asked for a status.
const mockOnly = inject('isPrism') && !live;

/** The public client as a user would build it, with every answer checked strictly against the spec. */
function client(options: DigitalPayeOptions = {}) {
  return new DigitalPaye({
    ...credentials,
    environment,
    baseUrl,
    validateResponses: 'strict',
    ...options,
  });
}

/** A fetch that asks Prism for one status on /v1/customer and counts what it sends there. */
function preferring(status: number) {
  const sent: Request[] = [];
  const fetchWithPrefer: typeof fetch = (input, init) => {
    const request = new Request(input, init);
    if (new URL(request.url).pathname === '/v1/customer') {
      request.headers.set('Prefer', `code=${status}`);
      sent.push(request);
    }
    return fetch(request);
  };
  return { fetch: fetchWithPrefer, sent };
}

describe('DigitalPaye client against the mock', () => {
  it('authenticates, then creates a customer whose answer passes the strict check', async () => {
    const customer = await client().customers.create(customerInput);

    expect(customer.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(customer.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('reports the token expiry read from the token answer', async () => {
    const info = await client().authenticate();

    expect(info.environment).toBe(environment);
    expect(info.expiresAt.getTime()).toBeGreaterThan(Date.now());
  });

  it('upper-cases a lower-case country code, which the mock then accepts', async () => {
    const input = { ...customerInput, address: { ...customerInput.address, countryCode: 'ci' } };

    await expect(client().customers.create(input)).resolves.toMatchObject({
      address: { countryCode: expect.stringMatching(/^[A-Z]{2}$/) },
    });
  });

  it('refuses a bad input before sending, so the mock is never asked', async () => {
    const { fetch, sent } = preferring(200);

    const error = await client({ fetch })
      .customers.create({ ...customerInput, email: 'not-an-email' })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RequestValidationError);
    expect(sent).toHaveLength(0);
  });

  it.runIf(mockOnly)(
    'raises AuthenticationError for the documented 401, after one fresh token and one repeat',
    async () => {
      const { fetch, sent } = preferring(401);

      const error = await client({ fetch })
        .customers.create(customerInput)
        .catch((e: unknown) => e);

      expect(error).toBeInstanceOf(AuthenticationError);
      expect(error).toMatchObject({
        status: 401,
        code: 'UnauthorizedError',
        path: '/v1/customer',
        outcome: 'refused',
      });
      expect((error as AuthenticationError).reason).toMatch(/reconnecter/);
      expect(String((error as Error).message)).not.toContain(credentials.apiSecret);
      expect(sent).toHaveLength(2);
    },
  );

  it.runIf(mockOnly)(
    'raises ServerError for the documented 500 and does not resend the create',
    async () => {
      const { fetch, sent } = preferring(500);

      const error = await client({ fetch, maxRetries: 2 })
        .customers.create(customerInput)
        .catch((e: unknown) => e);

      expect(error).toBeInstanceOf(ServerError);
      expect(error).toMatchObject({ status: 500, code: 'InternalServerError', outcome: 'unknown' });
      expect((error as ServerError).reason).toMatch(/réessayer/);
      expect(sent).toHaveLength(1);
    },
  );
});
