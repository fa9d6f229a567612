import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  DigitalPayeError,
  errorFromResponse,
  InvalidRequestError,
  isDigitalPayeError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  withOutcome,
} from '../src/errors.js';
import {
  clientFor,
  customerInput,
  type FakeApi,
  failure,
  send,
  startFakeApi,
  UNAUTHORIZED_REASON,
} from './fake-api.js';

let api: FakeApi;

beforeAll(async () => {
  api = await startFakeApi();
});

afterAll(async () => {
  await api.stop();
});

/** Creates a customer against a server that answers `status` and `body` to it. */
async function failWith(status: number, body: unknown, headers: Record<string, string> = {}) {
  api.route('/v1/customer', (_, response) => send(response, status, body, headers));
  return clientFor(api, { maxRetries: 0 })
    .customers.create(customerInput)
    .then(
      () => expect.unreachable('the call should have failed'),
      (error: unknown) => error as DigitalPayeError,
    );
}

describe('the error of a failed answer', () => {
  it.each([
    [400, InvalidRequestError, 'refused'],
    [401, AuthenticationError, 'refused'],
    [403, PermissionDeniedError, 'refused'],
    [404, NotFoundError, 'refused'],
    [409, DigitalPayeError, 'refused'],
    [422, InvalidRequestError, 'refused'],
    [429, RateLimitError, 'refused'],
    [500, ServerError, 'unknown'],
    [502, ServerError, 'unknown'],
    [503, ServerError, 'unknown'],
  ])('is for %i a %O with outcome %s', async (status, type, outcome) => {
    const error = await failWith(status, failure(status, 'SomeError', 'Une raison'));

    expect(error).toBeInstanceOf(type);
    expect(error.constructor).toBe(type);
    expect(error.name).toBe(type === DigitalPayeError ? 'DigitalPayeError' : type.name);
    expect(isDigitalPayeError(error)).toBe(true);
    expect(error).toMatchObject({ status, outcome, method: 'POST', path: '/v1/customer' });
  });

  it('reads like "POST /v1/customer failed with 401 UnauthorizedError: <reason>", accents intact', async () => {
    api.route('/v1/customer', (_, response) =>
      send(response, 401, failure(401, 'UnauthorizedError', UNAUTHORIZED_REASON), {
        'X-Request-Id': 'req-42',
      }),
    );
    const error = (await clientFor(api)
      .customers.create(customerInput)
      .catch((e: unknown) => e)) as DigitalPayeError;

    expect(error.message).toBe(
      `POST /v1/customer failed with 401 UnauthorizedError: ${UNAUTHORIZED_REASON}`,
    );
    expect(error).toMatchObject({
      code: 'UnauthorizedError',
      reason: UNAUTHORIZED_REASON,
      requestId: 'req-42',
    });
  });

  it('keeps the right class and status for a proxy HTML page, with a short excerpt', async () => {
    const html = `<html><head><title>502 Bad Gateway</title></head><body>${'x'.repeat(5_000)}</body></html>`;

    const error = await failWith(502, html, { 'Content-Type': 'text/html' });

    expect(error).toBeInstanceOf(ServerError);
    expect(error.status).toBe(502);
    expect(error.message).toContain('<html><head><title>502 Bad Gateway</title>');
    expect(error.message.length).toBeLessThan(220);
    expect(error.code).toBeUndefined();
  });

  it('says the body was empty for an empty 500', async () => {
    const error = await failWith(500, '');

    expect(error).toBeInstanceOf(ServerError);
    expect(error.message).toBe('POST /v1/customer failed with 500 (empty body)');
  });

  it('survives truncated JSON and JSON that is not the envelope', async () => {
    expect(await failWith(500, '{"statusCode":500,"mess')).toBeInstanceOf(ServerError);
    expect(await failWith(400, '[1,2]')).toBeInstanceOf(InvalidRequestError);
    expect(await failWith(400, 'null')).toBeInstanceOf(InvalidRequestError);
  });

  it('carries Retry-After in seconds on a RateLimitError', async () => {
    const error = await failWith(429, failure(429, 'TooManyRequests', 'Trop de requêtes'), {
      'Retry-After': '7',
    });

    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(7);
  });

  it('raises a DigitalPayeError, not a JSON crash, for a 200 that is not JSON', async () => {
    const error = await failWith(200, 'OK');

    expect(error.constructor).toBe(DigitalPayeError);
    expect(error).toMatchObject({ status: 200, outcome: 'unknown' });
    expect(error.message).toContain('answered 200');
  });
});

describe('errorFromResponse', () => {
  it('uses the HTTP status even when the envelope names another', () => {
    const error = errorFromResponse({
      method: 'POST',
      path: '/v1/customer',
      status: 422,
      body: JSON.stringify(failure(400, 'BadRequest', 'Corps invalide')),
    });

    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error.status).toBe(422);
  });
});

describe('withOutcome', () => {
  it('returns a copy of the same class with the new outcome, leaving the original alone', () => {
    const original = errorFromResponse({ method: 'POST', path: '/v1/auth', status: 503, body: '' });

    const copy = withOutcome(original, 'not-sent');

    expect(copy).toBeInstanceOf(ServerError);
    expect(copy).toMatchObject({ outcome: 'not-sent', status: 503, message: original.message });
    expect(original.outcome).toBe('unknown');
  });
});

describe('DigitalPayeError.toJSON', () => {
  it('gives the name, message and fields for structured logs', () => {
    const error = errorFromResponse({
      method: 'POST',
      path: '/v1/customer',
      status: 403,
      body: JSON.stringify(failure(403, 'ForbiddenError', 'Accès refusé')),
    });

    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'PermissionDeniedError',
      message: 'POST /v1/customer failed with 403 ForbiddenError: Accès refusé',
      status: 403,
      code: 'ForbiddenError',
      reason: 'Accès refusé',
      method: 'POST',
      path: '/v1/customer',
      outcome: 'refused',
    });
  });
});
