import { describe, expect, it } from 'vitest';
import {
  defaultSpecPath,
  describeViolations,
  loadOpenApi,
  type PrismViolation,
} from '../src/index.js';

const doc = loadOpenApi(defaultSpecPath);
const tokenExchange = {
  method: 'POST',
  path: '/v1/auth',
  requestHeaders: { authorization: 'Basic c2VjcmV0LWtleTpzZWNyZXQ=', 'x-environment': 'Staging' },
  status: 200,
  responseBody: {
    statusCode: 200,
    message: 'Successful',
    data: { token: 'eyJ.secret.jwt', exp: '1' },
  },
};

/** One entry as Prism puts it in `sl-violations`. */
function seen(location: string[], code: string, message: string): PrismViolation {
  return { location, severity: 'Error', code, message };
}

describe('describeViolations', () => {
  it('names a wrong type with the spec type and the value the server sent', () => {
    const [violation] = describeViolations(doc, tokenExchange, [
      seen(['response', 'body', 'data', 'exp'], 'type', 'must be integer'),
    ]);

    expect(violation).toEqual({
      operation: 'createToken (POST /v1/auth)',
      direction: 'response',
      status: 200,
      path: '$.data.exp',
      expected: 'integer',
      observed: '"1"',
      message: 'must be integer',
    });
  });

  it('never shows a token, even when the token itself breaks the spec', () => {
    const [violation] = describeViolations(doc, tokenExchange, [
      seen(['response', 'body', 'data', 'token'], 'type', 'must be x'),
    ]);

    expect(violation?.observed).toBe('[redacted]');
  });

  it('names a request header by its enum, in the request direction', () => {
    const [violation] = describeViolations(doc, tokenExchange, [
      seen(
        ['request', 'header', 'x-environment'],
        'enum',
        'must be equal to one of the allowed values',
      ),
    ]);

    expect(violation).toMatchObject({
      direction: 'request',
      path: 'header x-environment',
      expected: 'one of Production, Sandbox',
      observed: '"Staging"',
    });
  });

  it('names a response header by the schema the spec gives it, with the value sent', () => {
    const spec = {
      paths: {
        '/v1/auth': {
          post: {
            operationId: 'createToken',
            responses: {
              '200': {
                headers: { 'X-Request-Id': { schema: { type: 'string', format: 'uuid' } } },
              },
            },
          },
        },
      },
    };
    const exchange = { ...tokenExchange, responseHeaders: { 'x-request-id': 'req-1' } };

    const [violation] = describeViolations(spec, exchange, [
      seen(['response', 'header', 'x-request-id'], 'format', 'must match format "uuid"'),
    ]);

    expect(violation).toMatchObject({
      direction: 'response',
      path: 'header x-request-id',
      expected: 'string (uuid)',
      observed: '"req-1"',
    });
  });
});
