import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DigitalPaye } from '../src/client.js';
import {
  ConfigurationError,
  DigitalPayeError,
  RequestValidationError,
  ResponseValidationError,
} from '../src/errors.js';
import { customerInput, memoryLogger, send, useFakeApi } from './fake-api.js';

const fake = useFakeApi();

function answerCustomer(data: unknown) {
  fake.api.route('/v1/customer', (_, response) =>
    send(response, 200, { statusCode: 200, message: 'Successful', data }),
  );
}

describe('new DigitalPaye', () => {
  it('makes no network call', () => {
    fake.client();

    expect(fake.api.server.requests).toHaveLength(0);
  });

  it('fails at construction, naming the option and the variable, when the secret is missing', () => {
    expect(
      () => new DigitalPaye({ apiKey: 'live_Key', environment: 'Sandbox', baseUrl: fake.api.url }),
    ).toThrow(
      new ConfigurationError('`apiSecret` is missing: pass it or set DIGITALPAYE_API_SECRET'),
    );
    expect(fake.api.server.requests).toHaveLength(0);
  });
});

describe('customers.create', () => {
  it('returns the data of the envelope', async () => {
    const customer = await fake.client().customers.create(customerInput);

    expect(customer).toEqual({
      id: '3f6c1a52-8d2b-4c1e-9f0a-6b7d8e9f0a1b',
      ...customerInput,
      createdAt: '2025-03-28T06:54:41.000Z',
    });
  });

  it('sends the body as JSON with the environment, the bearer token and the package name', async () => {
    await fake.client().customers.create(customerInput);

    const [request] = fake.api.server.requestsTo('/v1/customer');
    expect(request?.method).toBe('POST');
    expect(JSON.parse(request?.body ?? '')).toEqual(customerInput);
    expect(request?.headers).toMatchObject({
      'content-type': 'application/json',
      accept: 'application/json',
      'x-environment': 'Sandbox',
      authorization: `Bearer ${fake.api.issued[0]}`,
    });
    expect(request?.headers['user-agent']).toMatch(
      /^@digitalpaye\/client\/\d+\.\d+\.\d+\S* node\/\d+\.\d+\.\d+$/,
    );
  });

  it('uses a custom fetch when given one', async () => {
    const seen: string[] = [];
    const dp = fake.client({
      fetch: (input, init) => {
        seen.push(String(input));
        return fetch(input, init);
      },
    });

    await dp.customers.create(customerInput);

    expect(seen).toEqual([`${fake.api.url}/v1/auth`, `${fake.api.url}/v1/customer`]);
  });
});

describe('input validation', () => {
  it('raises a not-sent DigitalPayeError, not a TypeError, for a body JSON cannot hold', async () => {
    const input = { ...customerInput, phoneNumber: 10n } as unknown as typeof customerInput;

    const error = await fake
      .client({ validateRequests: false })
      .customers.create(input)
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(DigitalPayeError);
    expect(error).toMatchObject({ outcome: 'not-sent', path: '/v1/customer' });
    expect(fake.api.customerCalls()).toBe(0);
  });

  it('throws RequestValidationError listing every bad field, before anything is sent', async () => {
    const error = await fake
      .client()
      .customers.create({
        ...customerInput,
        firstName: '',
        email: 'not-an-email',
        address: { ...customerInput.address, countryCode: 'CIV' },
      })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as RequestValidationError).issues).toEqual([
      { path: 'firstName', message: 'must not be empty' },
      { path: 'email', message: 'must be an email address, like name@example.com' },
      {
        path: 'address.countryCode',
        message: 'must be a two-letter ISO 3166-1 alpha-2 country code, like CI',
      },
    ]);
    expect((error as Error).message).toMatch(/^customer input is invalid, nothing was sent: /);
    expect(error).toMatchObject({ outcome: 'not-sent' });
    expect(fake.api.server.requests).toHaveLength(0);
  });

  it('upper-cases a lower-case country code before sending, leaving the input alone', async () => {
    const input = { ...customerInput, address: { ...customerInput.address, countryCode: 'ci' } };

    await fake.client().customers.create(input);

    const [request] = fake.api.server.requestsTo('/v1/customer');
    expect(JSON.parse(request?.body ?? '').address.countryCode).toBe('CI');
    expect(input.address.countryCode).toBe('ci');
  });

  it('sends the input unchecked with validateRequests: false', async () => {
    const input = { ...customerInput, firstName: '' };

    await fake.client({ validateRequests: false }).customers.create(input);

    expect(JSON.parse(fake.api.server.requestsTo('/v1/customer')[0]?.body ?? '').firstName).toBe(
      '',
    );
  });
});

describe('response validation', () => {
  const drifted = { ...customerInput, id: 'not-a-uuid', createdAt: '2025-03-28T06:54:41.000Z' };

  it('by default logs a mismatch without the values and returns the data', async () => {
    answerCustomer(drifted);
    const logger = memoryLogger();

    const customer = await fake.client({ logger }).customers.create(customerInput);

    expect(customer.id).toBe('not-a-uuid');
    const warning = logger.lines.find((l) => l.message === 'response does not match the spec');
    expect(warning?.level).toBe('warn');
    expect(warning?.fields).toMatchObject({
      path: '/v1/customer',
      status: 200,
      issues: [{ path: 'data.id', message: 'expected uuid' }],
    });
    expect(JSON.stringify(warning)).not.toContain('not-a-uuid');
  });

  it("throws ResponseValidationError with 'strict', outcome unknown since the server acted", async () => {
    answerCustomer(drifted);

    const error = await fake
      .client({ validateResponses: 'strict' })
      .customers.create(customerInput)
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toMatchObject({ outcome: 'unknown', status: 200 });
    expect((error as Error).message).toContain('data.id expected uuid');
  });

  it("skips the check with 'off'", async () => {
    answerCustomer(drifted);
    const logger = memoryLogger();

    await fake.client({ logger, validateResponses: 'off' }).customers.create(customerInput);

    expect(logger.lines.filter((l) => l.level === 'warn')).toEqual([]);
  });

  it('also checks the token answer', async () => {
    fake.api.route('/v1/auth', (_, response) =>
      send(response, 200, {
        statusCode: 200,
        message: 'Successful',
        data: { token: 't0ken-value', exp: 'soon' },
      }),
    );

    const error = await fake
      .client({ validateResponses: 'strict' })
      .authenticate()
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as Error).message).toContain('data.exp expected number');
    expect((error as Error).message).not.toContain('t0ken-value');
  });
});

describe('the client as an object', () => {
  it('shows only its environment and base URL to util.inspect and JSON.stringify', () => {
    const dp = fake.client();

    expect(inspect(dp)).toBe(`DigitalPaye {"environment":"Sandbox","baseUrl":"${fake.api.url}"}`);
    expect(JSON.parse(JSON.stringify(dp))).toEqual({
      environment: 'Sandbox',
      baseUrl: fake.api.url,
    });
  });
});
