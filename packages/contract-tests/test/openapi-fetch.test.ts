import type { paths } from '@digitalpaye/openapi';
import createClient from 'openapi-fetch';
import { describe, expect, inject, it } from 'vitest';
import { credentials, customerInput, environment, live } from './fixtures.js';

const api = createClient<paths>({ baseUrl: inject('contractUrl') });
const isPrism = inject('isPrism');

interface Violation {
  location: string[];
  code: string | number;
  message: string;
}

function violations(response: Response): Violation[] {
  const header = response.headers.get('sl-violations');
  return header ? (JSON.parse(header) as Violation[]) : [];
}

const headers = {
  'X-Environment': 'Sandbox',
  Authorization: 'Bearer contract-test-token',
} as const;

// These check how the mock refuses a bad request. Under `contract:live`, Prism's
// proxy refuses them itself with its own error body, and the server never sees them.
const mockOnly = it.skipIf(live);

async function accessToken(): Promise<string> {
  const basic = Buffer.from(`${credentials.apiKey}:${credentials.apiSecret}`).toString('base64');
  const { data } = await api.POST('/v1/auth', {
    params: { header: { 'X-Environment': environment } },
    headers: { Authorization: `Basic ${basic}` },
  });
  return data?.data.token ?? '';
}

describe('independent openapi-fetch client against the mock', () => {
  it('creates a customer from a body typed by openapi-typescript', async () => {
    const { data, response } = await api.POST('/v1/customer', {
      params: { header: { 'X-Environment': environment } },
      headers: { Authorization: `Bearer ${await accessToken()}` },
      body: customerInput,
    });

    expect(response.status).toBe(200);
    expect(data?.data.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  mockOnly('is refused when a required field is missing, naming the field', async () => {
    const { email: _omitted, ...withoutEmail } = customerInput;
    const { error, response } = await api.POST('/v1/customer', {
      params: { header: { 'X-Environment': 'Sandbox' } },
      headers,
      // @ts-expect-error the types already refuse a body without email
      body: withoutEmail,
    });

    expect(response.status).toBe(422);
    expect(error).toMatchObject({ statusCode: 422, reason: expect.any(String) });
    if (isPrism) {
      expect(violations(response)).toContainEqual(
        expect.objectContaining({ location: ['request', 'body'], code: 'required' }),
      );
      expect(violations(response)[0]?.message).toContain("'email'");
    }
  });

  mockOnly('is refused when X-Environment is not one of the enum values', async () => {
    const { response } = await api.POST('/v1/customer', {
      // @ts-expect-error the types already refuse an unknown environment
      params: { header: { 'X-Environment': 'Staging' } },
      headers: { Authorization: headers.Authorization },
      body: customerInput,
    });

    expect(response.status).toBe(422);
    if (isPrism) {
      expect(violations(response)).toContainEqual(
        expect.objectContaining({ location: ['request', 'header', 'x-environment'], code: 'enum' }),
      );
    }
  });

  mockOnly('is refused with the documented 401 envelope when Authorization is absent', async () => {
    const { error, response } = await api.POST('/v1/customer', {
      params: { header: { 'X-Environment': 'Sandbox' } },
      body: customerInput,
    });

    expect(response.status).toBe(401);
    expect(error).toMatchObject({ statusCode: 401, message: 'UnauthorizedError' });
  });

  mockOnly('is refused when the body carries a property the spec does not list', async () => {
    const { response } = await api.POST('/v1/customer', {
      params: { header: { 'X-Environment': 'Sandbox' } },
      headers,
      body: { ...customerInput, nickname: 'Djo' } as typeof customerInput,
    });

    expect(response.status).toBe(422);
  });
});
