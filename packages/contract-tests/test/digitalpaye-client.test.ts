import { DigitalPaye, DigitalPayeError } from '@digitalpaye/client';
import { describe, expect, inject, it } from 'vitest';
import { credentials, customerInput, environment, live } from './fixtures.js';

const baseUrl = inject('contractUrl');

describe('DigitalPaye client against the mock', () => {
  it('authenticates, then creates a customer and returns its data', async () => {
    const dp = new DigitalPaye({ ...credentials, environment, baseUrl });

    const customer = await dp.customers.create(customerInput);

    expect(customer.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(customer.createdAt).toMatch(/Z$/);
  });

  // `Prefer: code=401` asks the mock for its example; a live server cannot be asked for a 401.
  it.skipIf(live)('raises a DigitalPayeError carrying the 401 envelope', async () => {
    const fetchWithPrefer: typeof fetch = (input, init) => {
      const request = new Request(input, init);
      if (new URL(request.url).pathname === '/v1/customer')
        request.headers.set('Prefer', 'code=401');
      return fetch(request);
    };
    const dp = new DigitalPaye({
      ...credentials,
      environment: 'Sandbox',
      baseUrl,
      fetch: fetchWithPrefer,
    });

    const error = await dp.customers.create(customerInput).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(DigitalPayeError);
    expect(error).toMatchObject({ status: 401, code: 'UnauthorizedError', path: '/v1/customer' });
    expect(String((error as Error).message)).not.toContain(credentials.apiSecret);
  });
});
