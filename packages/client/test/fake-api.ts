import type { ServerResponse } from 'node:http';
import {
  type HttpTestServer,
  type RecordedRequest,
  type RequestHandler,
  startHttpServer,
} from '@digitalpaye/testkit';
import { afterEach, beforeEach } from 'vitest';
import { DigitalPaye } from '../src/client.js';
import type { Logger } from '../src/logger.js';
import type { DigitalPayeOptions } from '../src/options.js';

/** A secret that must never show up in an error, a log line or an inspected object. */
export const CANARY_SECRET = 'canary-5ecret-7f3a9c1e-0d4b-4e8a';
export const API_KEY = 'live_TestKey0001';
export const BASIC = `Basic ${Buffer.from(`${API_KEY}:${CANARY_SECRET}`).toString('base64')}`;

export const credentials = { apiKey: API_KEY, apiSecret: CANARY_SECRET } as const;

export const customerInput = {
  firstName: 'Aya',
  lastName: 'Kouassi',
  email: 'aya.kouassi@example.com',
  phoneNumber: '0102030405',
  address: { countryCode: 'CI', city: 'Abidjan', streetAddress: 'Cocody Riviera 3' },
};

export const UNAUTHORIZED_REASON = "Jeton d'accès invalide, veuillez vous reconnecter";

let serial = 0;

/** An unsigned JWT-shaped token carrying `iat` and `exp`; unique per call. */
export function jwt(iat: number, exp: number): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  serial += 1;
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ companyId: 'c-1', iat, exp, jti: serial })}.c2lnbmF0dXJl`;
}

export function send(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  response.end(text);
}

export function failure(status: number, message: string, reason: string) {
  return { statusCode: status, message, reason };
}

export interface FakeApi {
  url: string;
  server: HttpTestServer;
  /** Every token handed out, in order. */
  issued: string[];
  authCalls(): number;
  customerCalls(): number;
  /** Replaces the handler of one path; `defaults` holds the well-behaved ones. */
  route(path: '/v1/auth' | '/v1/customer', handler: RequestHandler): void;
  defaults: Record<'/v1/auth' | '/v1/customer', RequestHandler>;
  /** Makes the server refuse every token issued so far, as if they had expired. */
  revokeTokens(): void;
  stop(): Promise<void>;
}

/**
 * A small stand-in for the API on 127.0.0.1: `/v1/auth` checks the Basic
 * credentials and issues tokens living `lifetime` seconds; `/v1/customer`
 * checks the bearer token and echoes the customer.
 */
export async function startFakeApi(lifetime = 600): Promise<FakeApi> {
  const issued: string[] = [];
  const revoked = new Set<string>();

  const defaults: FakeApi['defaults'] = {
    '/v1/auth': (request, response) => {
      if (request.headers.authorization !== BASIC) {
        return send(response, 401, failure(401, 'UnauthorizedError', UNAUTHORIZED_REASON));
      }
      const iat = Math.floor(Date.now() / 1000);
      const token = jwt(iat, iat + lifetime);
      issued.push(token);
      send(response, 200, {
        statusCode: 200,
        message: 'Successful',
        data: { token, exp: iat + lifetime },
      });
    },
    '/v1/customer': (request, response) => {
      const token = request.headers.authorization?.replace(/^Bearer /, '') ?? '';
      if (!issued.includes(token) || revoked.has(token)) {
        return send(response, 401, failure(401, 'UnauthorizedError', UNAUTHORIZED_REASON));
      }
      const customer = {
        id: '3f6c1a52-8d2b-4c1e-9f0a-6b7d8e9f0a1b',
        ...JSON.parse(request.body),
        createdAt: '2025-03-28T06:54:41.000Z',
      };
      send(response, 200, { statusCode: 200, message: 'Successful', data: customer });
    },
  };
  const routes = { ...defaults };

  const server = await startHttpServer((request, response) => {
    const handler = routes[request.url as keyof typeof routes];
    if (!handler) return send(response, 404, failure(404, 'NotFoundError', 'Route introuvable'));
    return handler(request, response);
  });

  return {
    url: server.url,
    server,
    issued,
    authCalls: () => server.requestsTo('/v1/auth').length,
    customerCalls: () => server.requestsTo('/v1/customer').length,
    route(path, handler) {
      routes[path] = handler;
    },
    defaults,
    revokeTokens() {
      for (const token of issued) revoked.add(token);
    },
    stop: () => server.stop(),
  };
}

/** Answers with each handler in turn, then keeps using the last one. */
export function sequence(...handlers: RequestHandler[]): RequestHandler {
  let next = 0;
  return (request: RecordedRequest, response: ServerResponse) => {
    const handler = handlers[Math.min(next, handlers.length - 1)];
    next += 1;
    return handler?.(request, response);
  };
}

export interface LogLine {
  level: keyof Logger;
  message: string;
  fields: Record<string, unknown> | undefined;
}

/** A logger that keeps every line, for assertions. */
export function memoryLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at =
    (level: keyof Logger) =>
    (message: string, fields?: Record<string, unknown>): void => {
      lines.push({ level, message, fields });
    };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** A client of `api` with the test credentials; `options` override. */
export function clientFor(api: FakeApi, options: DigitalPayeOptions = {}): DigitalPaye {
  return new DigitalPaye({ ...credentials, environment: 'Sandbox', baseUrl: api.url, ...options });
}

/** Starts a fresh fake API before each test of the file and stops it after. */
export function useFakeApi(lifetime?: number) {
  const fake = {
    api: undefined as unknown as FakeApi,
    client: (options?: DigitalPayeOptions) => clientFor(fake.api, options),
  };
  beforeEach(async () => {
    fake.api = await startFakeApi(lifetime);
  });
  afterEach(async () => {
    await fake.api.stop();
  });
  return fake;
}
