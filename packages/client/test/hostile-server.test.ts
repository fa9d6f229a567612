import { inspect } from 'node:util';
import { type HttpTestServer, startHttpServer } from '@digitalpaye/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { DigitalPayeError, ServerError } from '../src/errors.js';
import {
  BASIC,
  CANARY_SECRET,
  customerInput,
  failure,
  memoryLogger,
  send,
  useFakeApi,
} from './fake-api.js';

const fake = useFakeApi();
const BASIC_B64 = BASIC.slice('Basic '.length);

/** `text` with every character written as a JSON `\u` escape. */
const escaped = (text: string) =>
  [...text].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');

async function failureOf(promise: Promise<unknown>): Promise<DigitalPayeError> {
  const error = await promise.then(
    () => expect.unreachable('the call should have failed'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DigitalPayeError);
  return error as DigitalPayeError;
}

/** Everything a caller could print of an error, causes included. */
function rendered(error: unknown): string {
  return [inspect(error, { depth: 10, showHidden: true }), JSON.stringify(error)].join('\n');
}

function expectNoSecret(text: string) {
  for (const secret of [CANARY_SECRET, BASIC_B64, ...fake.api.issued]) {
    expect(text).not.toContain(secret);
  }
}

describe('a server that writes a secret with JSON escapes', () => {
  it('gets it redacted from reason, code and message after decoding', async () => {
    fake.api.route('/v1/auth', (_request, response) => {
      const body = `{"statusCode":401,"message":"${escaped(CANARY_SECRET)}","reason":"cl\\u00e9 ${escaped(CANARY_SECRET)} / ${BASIC_B64.replace(/\//g, '\\/')}"}`;
      response.writeHead(401, { 'Content-Type': 'application/json' });
      response.end(body);
    });

    const error = await failureOf(fake.client({ maxRetries: 0 }).authenticate());

    expect(error.reason).toBe('clé [redacted] / [redacted]');
    expect(error.code).toBe('[redacted]');
    expectNoSecret(rendered(error));
  });

  it('gets it redacted from the excerpt of a JSON body that is not the envelope', async () => {
    fake.api.route('/v1/auth', (_request, response) => {
      response.writeHead(502, { 'Content-Type': 'application/json' });
      response.end(`{"error":"${escaped(CANARY_SECRET)}"}`);
    });

    const error = await failureOf(fake.client({ maxRetries: 0 }).authenticate());

    expect(error.message).toBe(
      'POST /v1/auth failed with 502 (body is not the JSON envelope): {"error":"[redacted]"}',
    );
    expectNoSecret(rendered(error));
  });

  it('gets a token written with escapes redacted from the reason of a later call', async () => {
    fake.api.route('/v1/customer', (request, response) => {
      const token = (request.headers.authorization ?? '').replace('Bearer ', '');
      const body = `{"statusCode":500,"message":"ServerError","reason":"jeton ${token.replace(/\./g, '\\u002e')}"}`;
      response.writeHead(500, { 'Content-Type': 'application/json' });
      response.end(body);
    });

    const error = await failureOf(fake.client({ maxRetries: 0 }).customers.create(customerInput));

    expect(error.reason).toBe('jeton [redacted]');
    expectNoSecret(rendered(error));
  });
});

describe('an X-Request-Id that echoes the Authorization header', () => {
  it('is redacted on the error and in the response log', async () => {
    const logger = memoryLogger();
    fake.api.route('/v1/auth', (request, response) =>
      send(response, 403, failure(403, 'ForbiddenError', 'non'), {
        'X-Request-Id': String(request.headers.authorization),
      }),
    );

    const error = await failureOf(fake.client({ maxRetries: 0, logger }).authenticate());

    expect(error.requestId).toBe('Basic [redacted]');
    expectNoSecret(rendered(error));
    expectNoSecret(JSON.stringify(logger.lines));
    expect(logger.lines.some((l) => l.fields?.requestId === 'Basic [redacted]')).toBe(true);
  });
});

describe('an error cause that holds the credentials', () => {
  it('is shown redacted when a custom fetch throws with the request headers', async () => {
    const fetchQuoting: typeof fetch = async (_url, init) => {
      const inner = new Error(`socket said ${JSON.stringify(init?.headers)}`);
      throw new Error(`proxy failed ${JSON.stringify(init?.headers)}`, { cause: inner });
    };

    const error = await failureOf(
      fake.client({ maxRetries: 0, fetch: fetchQuoting }).authenticate(),
    );

    expect(rendered(error)).toContain('proxy failed');
    expect(rendered(error)).toContain('Basic [redacted]');
    expectNoSecret(rendered(error));
  });

  it('is shown redacted when the accessToken function throws with its token', async () => {
    const token = 'tok_canary_0123456789abcdef';
    let calls = 0;
    const accessToken = () => {
      calls += 1;
      if (calls === 1) return token;
      throw new Error(`refresh of ${token} failed`);
    };
    fake.api.route('/v1/customer', (_request, response) =>
      send(response, 401, failure(401, 'UnauthorizedError', 'expiré')),
    );

    const error = await failureOf(
      fake
        .client({ apiKey: undefined, apiSecret: undefined, accessToken, maxRetries: 0 })
        .customers.create(customerInput),
    );

    expect(rendered(error)).toContain('refresh of [redacted] failed');
    expect(rendered(error)).not.toContain(token);
  });
});

describe('a redirect', () => {
  let other: HttpTestServer | undefined;
  afterEach(async () => {
    await other?.stop();
    other = undefined;
  });

  it.each([307, 302])(
    '%s on POST /v1/customer is not followed and fails naming it',
    async (status) => {
      other = await startHttpServer((_request, response) =>
        send(response, 200, { statusCode: 200, message: 'Successful', data: { id: 'x' } }),
      );
      const target = `${other.url}/v1/customer`;
      fake.api.route('/v1/customer', (_request, response) => {
        response.writeHead(status, { Location: target });
        response.end();
      });

      const error = await failureOf(fake.client({ maxRetries: 0 }).customers.create(customerInput));

      expect(error.message).toMatch(new RegExp(`^POST /v1/customer failed with ${status}`));
      expect(error.status).toBe(status);
      expect(error.outcome).toBe('unknown');
      expect(other.requests).toHaveLength(0);
    },
  );
});

describe('a huge response body', () => {
  it('is not read past 1 MiB: the call fails with its class and the stream is cancelled', async () => {
    let written = 0;
    let closedEarly = false;
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const total = 64 * 1024 * 1024;
    fake.api.route('/v1/auth', (_request, response) => {
      response.writeHead(500, { 'Content-Type': 'text/plain' });
      response.on('close', () => {
        closedEarly = written < total;
      });
      const pump = () => {
        while (written < total && !response.destroyed) {
          written += chunk.length;
          if (!response.write(chunk)) return void response.once('drain', pump);
        }
        response.end();
      };
      pump();
    });

    const error = await failureOf(fake.client({ maxRetries: 0 }).authenticate());

    expect(error).toBeInstanceOf(ServerError);
    expect(error.message.length).toBeLessThan(400);
    expect(error.outcome).toBe('unknown');
    await expect.poll(() => closedEarly).toBe(true);
    expect(written).toBeLessThan(16 * 1024 * 1024);
  });

  it('quotes at most 300 characters of a long reason in the message and keeps 2 KiB of it', async () => {
    fake.api.route('/v1/auth', (_request, response) =>
      send(response, 400, failure(400, 'BadRequestError', 'x'.repeat(10_000))),
    );

    const error = await failureOf(fake.client({ maxRetries: 0 }).authenticate());

    expect(error.message).toBe(
      `POST /v1/auth failed with 400 BadRequestError: ${'x'.repeat(300)}…`,
    );
    expect(error.reason).toBe(`${'x'.repeat(2048)}…`);
  });
});

describe('a token in a body that fails the response check', () => {
  it('is redacted from later errors that quote it', async () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJjYW5hcnkiOjF9.c2lnbmF0dXJlLWNhbmFyeQ';
    let answered = 0;
    fake.api.route('/v1/auth', (_request, response) => {
      answered += 1;
      if (answered === 1) {
        return send(response, 200, { statusCode: 200, message: 'OK', data: { token, exp: 'x' } });
      }
      send(response, 401, failure(401, 'UnauthorizedError', `jeton ${token} révoqué`));
    });
    const dp = fake.client({ maxRetries: 0, validateResponses: 'strict' });

    await failureOf(dp.authenticate());
    const error = await failureOf(dp.authenticate());

    expect(error.reason).toBe('jeton [redacted] révoqué');
    expect(rendered(error)).not.toContain(token);
  });
});

describe('a 2xx body past 1 MiB', () => {
  it('makes create fail with outcome unknown', async () => {
    fake.api.route('/v1/customer', (_request, response) =>
      send(response, 200, { statusCode: 200, message: 'OK', data: { pad: 'x'.repeat(2 ** 21) } }),
    );

    const error = await failureOf(fake.client({ maxRetries: 0 }).customers.create(customerInput));

    expect(error.message).toMatch(
      /^POST \/v1\/customer answered 200 \(body is not the JSON envelope\)/,
    );
    expect(error.outcome).toBe('unknown');
  });
});

describe('a fetch whose body is not a web stream', () => {
  it('is still read whole, as node-fetch 2 answers are', async () => {
    const nodeFetchLike: typeof fetch = async (url, init) => {
      const response = await fetch(url, init);
      return new Proxy(response, {
        get(target, key) {
          if (key === 'body') return { pipe() {} };
          const value = Reflect.get(target, key, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    };

    const info = await fake.client({ fetch: nodeFetchLike }).authenticate();

    expect(info.environment).toBe('Sandbox');
  });
});
