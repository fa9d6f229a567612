import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { type LoopbackServer, readBody, startLoopbackServer } from './loopback.js';

/** Ways a stand-in can break the contract; `none` keeps to it. */
export type Drift =
  | 'none'
  | 'createdAt-as-number'
  | 'customer-without-id'
  | 'bad-request-other-shape'
  | 'null-data';

export interface StandIn extends LoopbackServer {
  /** How the next answers break the contract. */
  drift: Drift;
  /** Calls received, as `METHOD /path`. */
  calls: string[];
}

// JWT-shaped so a client can read its claims, with a signature that is plainly not one.
const TOKEN = ['{"alg":"none"}', '{"companyId":"stand-in"}']
  .map((part) => Buffer.from(part).toString('base64url'))
  .concat('not-a-signature')
  .join('.');

function reply(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function customerAnswer(drift: Drift, input: Record<string, unknown>) {
  const customer: Record<string, unknown> = {
    id: randomUUID(),
    ...input,
    createdAt: new Date().toISOString(),
  };
  if (drift === 'createdAt-as-number') customer.createdAt = Date.now();
  if (drift === 'customer-without-id') delete customer.id;
  return { statusCode: 200, message: 'Successful', data: drift === 'null-data' ? null : customer };
}

/**
 * A small stand-in for the DigitalPaye API on 127.0.0.1: it issues a token for
 * any Basic pair and echoes customers, keeping to the spec unless told to
 * drift. It exists to prove that the conformance proxy catches drift.
 */
export async function startStandIn(drift: Drift = 'none'): Promise<StandIn> {
  const state = { drift, calls: [] as string[] };

  const server = await startLoopbackServer(async (request, response) => {
    const body = await readBody(request);
    const route = `${request.method} ${new URL(request.url ?? '/', 'http://stand-in').pathname}`;
    state.calls.push(route);
    const authorization = request.headers.authorization ?? '';

    if (route === 'POST /v1/auth' && authorization.startsWith('Basic ')) {
      const exp = Math.floor(Date.now() / 1000) + 600;
      return reply(response, 200, {
        statusCode: 200,
        message: 'Successful',
        data: { token: TOKEN, exp },
      });
    }
    if (route === 'POST /v1/customer' && authorization === `Bearer ${TOKEN}`) {
      if (state.drift === 'bad-request-other-shape') {
        return reply(response, 400, { error: { code: 'BAD_REQUEST', detail: 'rejected' } });
      }
      const input = parseObject(body);
      if (!input) {
        const invalid = { statusCode: 400, message: 'BadRequestError', reason: 'JSON invalide.' };
        return reply(response, 400, invalid);
      }
      return reply(response, 200, customerAnswer(state.drift, input));
    }
    if (route === 'POST /v1/auth' || route === 'POST /v1/customer') {
      return reply(response, 401, {
        statusCode: 401,
        message: 'UnauthorizedError',
        reason: "Jeton d'accès invalide, veuillez vous reconnecter.",
      });
    }
    reply(response, 404, { statusCode: 404, message: 'NotFoundError', reason: 'Route inconnue.' });
  });

  return {
    ...server,
    calls: state.calls,
    get drift() {
      return state.drift;
    },
    set drift(next: Drift) {
      state.drift = next;
    },
  };
}
