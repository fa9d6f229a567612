import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startLoopbackServer } from './loopback.js';

/**
 * One misbehaviour the server applies to one request. Faults marked "acts"
 * below let the server do the work first (issue the token, create the
 * customer) and then misbehave, which is the case a client must report as
 * unknown rather than retry.
 */
export type Fault =
  /** Acts, then sends the answer's headers only after `ms`. */
  | { type: 'delay'; ms: number }
  /** Acts, sends the headers and half of the body, then nothing more. */
  | { type: 'stall-body' }
  /** Destroys the connection before reading the request body. Does not act. */
  | { type: 'reset-before-body' }
  /** Reads the body, acts, then destroys the connection without answering. */
  | { type: 'reset-after-body' }
  /** Acts, then answers 200 with a JSON body cut in half. */
  | { type: 'truncated-json' }
  /** A proxy's HTML error page with status 502. Does not act unless `acts`. */
  | { type: 'html-502'; acts?: boolean }
  /** The documented 500 JSON envelope with its French reason. Does not act unless `acts`. */
  | { type: 'server-error'; acts?: boolean }
  /** Status 500 with an empty body. Does not act unless `acts`. */
  | { type: 'empty-500'; acts?: boolean }
  /** A text body of `bytes` (default 10 MiB) with `status` (default 500). Does not act unless `acts`. */
  | { type: 'huge-body'; bytes?: number; status?: number; acts?: boolean }
  /** A proxy's 502 page that echoes the request's `Authorization` header. Does not act. */
  | { type: 'echo-auth' }
  /** 400 with the failure envelope, as for a body the server will not take. Does not act. */
  | { type: 'bad-request' }
  /** 429 with the given `Retry-After` (default "1"). Does not act. */
  | { type: 'rate-limit'; retryAfter?: string }
  /** 401 with the API's French reason, and the presented token is revoked. Does not act. */
  | { type: 'token-expired' };

export type FaultType = Fault['type'];

export type Route = 'auth' | 'customer' | 'other';

/** What a fault plan sees of each request. */
export interface FaultContext {
  /** 1-based number of the request among all requests. */
  n: number;
  /** 1-based number of the request among requests to the same route. */
  routeN: number;
  route: Route;
  method: string;
  path: string;
}

/** Chooses the fault for a request; `undefined` answers normally. */
export type FaultPlan = (request: FaultContext) => Fault | undefined;

/** One request as the server saw it. */
export interface RequestRecord {
  n: number;
  route: Route;
  fault: FaultType | undefined;
  /** The status sent, or `undefined` when the connection was reset or stalled. */
  status: number | undefined;
  /** True when the server did the work (issued a token, created a customer). */
  acted: boolean;
  /** The parsed body of a `/v1/customer` request, when it was read and was JSON. */
  body?: unknown;
}

/** A customer the server really created, whatever the client then received. */
export interface CreatedCustomer {
  id: string;
  /** Number of the request that created it. */
  n: number;
  body: Record<string, unknown>;
}

export interface FaultServerOptions {
  /** Basic credentials `/v1/auth` accepts. */
  credentials: { apiKey: string; apiSecret: string };
  /** Seconds between `iat` and `exp` of issued tokens. @default 600 */
  tokenLifetime?: number;
  /** Bearer tokens accepted on `/v1/customer` without an exchange, e.g. a canary token. */
  acceptTokens?: readonly string[];
  /** The initial fault plan; replace it later through `server.plan`. */
  plan?: FaultPlan;
  /** Largest request body read, in bytes; beyond it the answer is 413. @default 16 MiB */
  maxRequestBytes?: number;
}

export interface FaultServer {
  /** Base URL, e.g. `http://127.0.0.1:43121`. */
  url: string;
  port: number;
  /** The fault plan in force; assign to change it between requests. */
  plan: FaultPlan | undefined;
  /** Every request in arrival order. */
  readonly requests: readonly RequestRecord[];
  /** Every customer really created, including those whose answer was lost. */
  readonly created: readonly CreatedCustomer[];
  /** Every token issued by `/v1/auth`, including those whose answer was lost. */
  readonly tokens: readonly string[];
  /** Number of requests to a route, all faults included. */
  count(route: Route): number;
  /** Makes every token issued so far expire now, as if their lifetime were over. */
  expireTokens(): void;
  /** Forgets requests, customers and tokens (accepted tokens stay valid). */
  reset(): void;
  /** Stops listening and destroys every open connection, stalled ones included. Safe to call twice. */
  close(): Promise<void>;
}

/** The 401 reason the API sends for an invalid or expired token. */
export const EXPIRED_TOKEN_REASON = "Jeton d'accès invalide, veuillez vous reconnecter.";
const SERVER_ERROR_REASON = "Une erreur s'est produite, veuillez réessayer.";
const BAD_REQUEST_REASON = 'La requête est invalide, vérifiez les champs envoyés.';
const PROXY_PAGE =
  '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>';

const ACTS_FIRST: ReadonlySet<FaultType> = new Set([
  'delay',
  'stall-body',
  'reset-after-body',
  'truncated-json',
]);

/** True when the fault lets the server do the work before it misbehaves. */
export function faultActs(fault: Fault | undefined): boolean {
  if (!fault) return true;
  if (ACTS_FIRST.has(fault.type)) return true;
  return 'acts' in fault && fault.acts === true;
}

/**
 * A plan that gives the n-th request to `route` the n-th fault of `faults`
 * (`undefined` entries answer normally), then answers normally.
 */
export function faultSequence(route: Route, faults: readonly (Fault | undefined)[]): FaultPlan {
  return (request) => (request.route === route ? faults[request.routeN - 1] : undefined);
}

/** A plan that gives `fault` to every request to `route` during the next `ms`. */
export function faultFor(route: Route, ms: number, fault: Fault): FaultPlan {
  const until = Date.now() + ms;
  return (request) => (request.route === route && Date.now() < until ? fault : undefined);
}

function routeOf(method: string, path: string): Route {
  if (method !== 'POST') return 'other';
  if (path === '/v1/auth') return 'auth';
  if (path === '/v1/customer') return 'customer';
  return 'other';
}

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

function readBody(request: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > limit ? 'too-large' : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  response.end(text);
}

function failureBody(status: number, message: string, reason: string) {
  return { statusCode: status, message, reason };
}

/**
 * Starts an HTTP server on 127.0.0.1 (a free port) that plays the two API
 * operations and misbehaves on the requests its plan picks. It counts every
 * customer it really creates, so tests can prove nothing was created twice.
 */
export async function startFaultServer(options: FaultServerOptions): Promise<FaultServer> {
  const lifetime = options.tokenLifetime ?? 600;
  const limit = options.maxRequestBytes ?? 16 * 1024 * 1024;
  const signingKey = randomBytes(32);
  const expectedBasic = `Basic ${Buffer.from(
    `${options.credentials.apiKey}:${options.credentials.apiSecret}`,
  ).toString('base64')}`;

  const validTokens = new Map<string, number>();
  for (const token of options.acceptTokens ?? []) validTokens.set(token, Number.POSITIVE_INFINITY);
  const requests: RequestRecord[] = [];
  const created: CreatedCustomer[] = [];
  const tokens: string[] = [];
  const perRoute = new Map<Route, number>();
  const waits = new Map<NodeJS.Timeout, () => void>();

  function issueToken(): { token: string; exp: number } {
    const iat = Math.floor(Date.now() / 1000);
    const exp = iat + lifetime;
    const head = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    // `jti` keeps two tokens issued within the same second apart.
    const jti = randomUUID();
    const payload = base64url(JSON.stringify({ companyId: 'company-fault-server', iat, exp, jti }));
    const signature = createHmac('sha256', signingKey).update(`${head}.${payload}`).digest();
    const token = `${head}.${payload}.${base64url(signature)}`;
    validTokens.set(token, exp * 1000);
    tokens.push(token);
    return { token, exp };
  }

  function bearer(request: IncomingMessage): string | undefined {
    const header = request.headers.authorization ?? '';
    return header.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
  }

  function tokenIsValid(token: string | undefined): boolean {
    const expiresAt = token === undefined ? undefined : validTokens.get(token);
    return expiresAt !== undefined && expiresAt > Date.now();
  }

  /** Does the work of a route; returns the answer to send, or an error answer. */
  function act(
    route: Route,
    request: IncomingMessage,
    record: RequestRecord,
  ): { status: number; body: unknown } {
    if (route === 'auth') {
      if (request.headers.authorization !== expectedBasic) {
        return {
          status: 401,
          body: failureBody(401, 'UnauthorizedError', 'Identifiants invalides.'),
        };
      }
      record.acted = true;
      return { status: 200, body: { statusCode: 200, message: 'Successful', data: issueToken() } };
    }

    if (route === 'customer') {
      if (!tokenIsValid(bearer(request))) {
        return { status: 401, body: failureBody(401, 'UnauthorizedError', EXPIRED_TOKEN_REASON) };
      }
      const input = record.body;
      if (typeof input !== 'object' || input === null || Array.isArray(input)) {
        return { status: 400, body: failureBody(400, 'BadRequestError', BAD_REQUEST_REASON) };
      }
      const customer = {
        id: randomUUID(),
        ...(input as Record<string, unknown>),
        createdAt: new Date().toISOString(),
      };
      created.push({ id: customer.id, n: record.n, body: input as Record<string, unknown> });
      record.acted = true;
      return { status: 200, body: { statusCode: 200, message: 'Successful', data: customer } };
    }

    return { status: 404, body: failureBody(404, 'NotFoundError', 'Ressource introuvable.') };
  }

  /** Waits `ms`, or less when the server closes first. */
  function later(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        waits.delete(timer);
        resolve();
      }, ms);
      waits.set(timer, resolve);
    });
  }

  function refuse(
    fault: Fault,
    response: ServerResponse,
    request: IncomingMessage,
    record: RequestRecord,
  ): void {
    switch (fault.type) {
      case 'html-502':
        record.status = 502;
        response.writeHead(502, { 'Content-Type': 'text/html' });
        response.end(PROXY_PAGE);
        return;
      case 'server-error':
        record.status = 500;
        sendJson(response, 500, failureBody(500, 'InternalServerError', SERVER_ERROR_REASON));
        return;
      case 'empty-500':
        record.status = 500;
        response.writeHead(500, { 'Content-Length': 0 });
        response.end();
        return;
      case 'huge-body': {
        const status = fault.status ?? 500;
        const bytes = fault.bytes ?? 10 * 1024 * 1024;
        record.status = status;
        response.writeHead(status, { 'Content-Type': 'text/plain', 'Content-Length': bytes });
        response.end(Buffer.alloc(bytes, 'x'));
        return;
      }
      case 'echo-auth':
        record.status = 502;
        response.writeHead(502, { 'Content-Type': 'text/plain' });
        response.end(
          `Bad gateway. Request headers: Authorization: ${request.headers.authorization}`,
        );
        return;
      case 'bad-request':
        record.status = 400;
        sendJson(response, 400, failureBody(400, 'BadRequestError', BAD_REQUEST_REASON));
        return;
      case 'rate-limit':
        record.status = 429;
        response.setHeader('Retry-After', fault.retryAfter ?? '1');
        sendJson(response, 429, failureBody(429, 'TooManyRequestsError', 'Trop de requêtes.'));
        return;
      case 'token-expired': {
        const token = bearer(request);
        if (token !== undefined) validTokens.delete(token);
        record.status = 401;
        sendJson(response, 401, failureBody(401, 'UnauthorizedError', EXPIRED_TOKEN_REASON));
        return;
      }
      default:
        throw new Error(`fault ${fault.type} is not a refusal`);
    }
  }

  async function deliver(
    fault: Fault | undefined,
    answer: { status: number; body: unknown },
    response: ServerResponse,
    record: RequestRecord,
  ): Promise<void> {
    const text = JSON.stringify(answer.body);

    if (fault?.type === 'reset-after-body') {
      response.socket?.destroy();
      return;
    }
    if (fault?.type === 'stall-body') {
      response.writeHead(answer.status, {
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(text),
      });
      response.write(text.slice(0, Math.floor(text.length / 2)));
      return;
    }
    if (fault?.type === 'truncated-json') {
      record.status = answer.status;
      response.writeHead(answer.status, { 'Content-Type': 'application/json' });
      response.end(text.slice(0, Math.floor(text.length / 2)));
      return;
    }
    if (fault?.type === 'delay') await later(fault.ms);
    if (!response.socket || response.socket.destroyed) return;

    record.status = answer.status;
    sendJson(response, answer.status, answer.body);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? 'GET';
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const route = routeOf(method, path);
    const routeN = (perRoute.get(route) ?? 0) + 1;
    perRoute.set(route, routeN);
    const n = requests.length + 1;
    const fault = server.plan?.({ n, routeN, route, method, path });
    const record: RequestRecord = { n, route, fault: fault?.type, status: undefined, acted: false };
    requests.push(record);

    if (fault?.type === 'reset-before-body') {
      request.socket.destroy();
      return;
    }

    const body = await readBody(request, limit);
    if (body === 'too-large') {
      record.status = 413;
      sendJson(
        response,
        413,
        failureBody(413, 'PayloadTooLargeError', 'Requête trop volumineuse.'),
      );
      return;
    }

    if (route === 'customer') record.body = parseJson(body);

    if (fault && !faultActs(fault)) {
      refuse(fault, response, request, record);
      return;
    }

    const answer = act(route, request, record);
    if (fault && !ACTS_FIRST.has(fault.type)) {
      // An error fault told to act: the work is done, the answer is the error.
      refuse(fault, response, request, record);
      return;
    }
    await deliver(fault, answer, response, record);
  }

  const loopback = await startLoopbackServer((request, response) => {
    handle(request, response).catch(() => response.socket?.destroy());
  });

  let closing: Promise<void> | undefined;
  const server: FaultServer = {
    url: loopback.url,
    port: loopback.port,
    plan: options.plan,
    requests,
    created,
    tokens,
    count: (route) => requests.filter((r) => r.route === route).length,
    expireTokens() {
      for (const token of tokens) validTokens.delete(token);
    },
    reset() {
      requests.length = 0;
      created.length = 0;
      tokens.length = 0;
      perRoute.clear();
    },
    close() {
      for (const [timer, resolveWait] of waits) {
        clearTimeout(timer);
        resolveWait();
      }
      closing ??= loopback.stop();
      return closing;
    },
  };
  return server;
}
