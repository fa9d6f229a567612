import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, startLoopbackServer } from './loopback.js';

/** What the server does with one customer request instead of creating it. */
export interface CountingAnswer {
  status: number;
  headers?: Record<string, string>;
  /** Body sent as JSON; the failure envelope for the status when absent. */
  body?: unknown;
}

export interface CountingApiOptions {
  /**
   * Milliseconds to wait before answering a customer request, after it is
   * counted. A function receives the 1-based number of the customer created
   * by this request; `Infinity` holds the answer until the client goes away.
   * @default 0
   */
  delay?: number | ((created: number) => number);
  /**
   * Decides per request to answer something else than a creation (a 429, a
   * 500...). Returning `undefined` creates the customer as usual. The
   * answer is sent without creating anything.
   */
  answer?: (body: Record<string, unknown>, request: number) => CountingAnswer | undefined;
  /** Token lifetime announced by `/v1/auth`, in seconds. @default 600 */
  tokenLifetime?: number;
  /** The only API key `/v1/auth` accepts; any key when absent. */
  apiKey?: string;
}

export interface CountingApi {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** Customers created so far. */
  readonly created: number;
  /** How many customers were created per email address. */
  readonly createdByEmail: ReadonlyMap<string, number>;
  /** Requests per path, `/v1/auth` and `/v1/customer` included. */
  readonly requests: Readonly<Record<string, number>>;
  /** Customer requests received and not answered yet. */
  readonly inFlight: number;
  /** Changes the delay for the requests that arrive from now on. */
  setDelay(delay: NonNullable<CountingApiOptions['delay']>): void;
  /** Closes every connection and the server. Safe to call twice. */
  stop(): Promise<void>;
}

const REASONS: Record<number, [string, string]> = {
  400: ['BadRequestError', 'La requête est invalide.'],
  401: ['UnauthorizedError', "Jeton d'accès invalide, veuillez vous reconnecter."],
  404: ['NotFoundError', "Cette ressource n'existe pas."],
  429: ['TooManyRequestsError', 'Trop de requêtes, veuillez patienter.'],
  500: ['InternalServerError', "Une erreur s'est produite, veuillez réessayer."],
};

function envelope(status: number): unknown {
  const [message, reason] = REASONS[status] ?? ['Error', 'Erreur.'];
  return { statusCode: status, message, reason };
}

function send(res: ServerResponse, status: number, body: unknown, headers = {}): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/**
 * Starts a small stand-in for the DigitalPaye API on 127.0.0.1 (a free
 * port) that answers `/v1/auth` and `/v1/customer` with the spec's
 * envelopes and counts every customer it really creates, so tests can
 * assert that nothing was created twice. It keeps counts only, never the
 * requests, so a test can send it 100 000 customers. Stop it with `stop()`.
 */
export async function startCountingApi(options: CountingApiOptions = {}): Promise<CountingApi> {
  let delay = options.delay ?? 0;
  let created = 0;
  let inFlight = 0;
  const byEmail = new Map<string, number>();
  const requests: Record<string, number> = {};
  const tokens = new Set<string>();
  const lifetime = options.tokenLifetime ?? 600;

  const createCustomer = async (req: IncomingMessage, res: ServerResponse) => {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer || !tokens.has(bearer)) return send(res, 401, envelope(401));

    let body: Record<string, unknown>;
    try {
      body = JSON.parse(await readBody(req)) as Record<string, unknown>;
    } catch {
      return send(res, 400, envelope(400));
    }

    const special = options.answer?.(body, requests['/v1/customer'] ?? 0);
    if (special)
      return send(res, special.status, special.body ?? envelope(special.status), special.headers);

    created += 1;
    const email = String(body.email);
    byEmail.set(email, (byEmail.get(email) ?? 0) + 1);
    const customer = { id: randomUUID(), ...body, createdAt: new Date().toISOString() };
    const wait = typeof delay === 'function' ? delay(created) : delay;
    if (wait === Number.POSITIVE_INFINITY) return; // held until the client goes away
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    send(res, 200, { statusCode: 200, message: 'Successful', data: customer });
  };

  const server = await startLoopbackServer((req, res) => {
    const path = req.url ?? '';
    requests[path] = (requests[path] ?? 0) + 1;

    if (req.method === 'POST' && path === '/v1/auth') {
      const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const key = basic && Buffer.from(basic, 'base64').toString('utf8').split(':')[0];
      if (!key || (options.apiKey && key !== options.apiKey)) return send(res, 401, envelope(401));
      const token = randomUUID();
      tokens.add(token);
      const exp = Math.floor(Date.now() / 1000) + lifetime;
      return send(res, 200, { statusCode: 200, message: 'Successful', data: { token, exp } });
    }

    if (req.method === 'POST' && path === '/v1/customer') {
      inFlight += 1;
      res.once('close', () => {
        inFlight -= 1;
      });
      void createCustomer(req, res);
      return;
    }

    send(res, 404, envelope(404));
  });

  return {
    url: server.url,
    get created() {
      return created;
    },
    createdByEmail: byEmail,
    requests,
    get inFlight() {
      return inFlight;
    },
    setDelay(next) {
      delay = next;
    },
    stop: server.stop,
  };
}
