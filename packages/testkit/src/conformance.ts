import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { type LoopbackServer, readBody, startLoopbackServer } from './loopback.js';
import { loadOpenApi } from './openapi.js';
import { defaultSpecPath, type PrismServer, startPrismProxy } from './prism.js';
import {
  describeViolations,
  type Exchange,
  type PrismViolation,
  parseViolationsHeader,
  type Violation,
} from './violations.js';

export interface ConformanceProxyOptions {
  /** The server under test, e.g. a sandbox or a stand-in on 127.0.0.1. */
  upstream: string;
  /** OpenAPI document to check against. @default the workspace's spec/openapi.yaml */
  spec?: string;
  /** Give up waiting for Prism after this many ms. @default 60000 */
  startTimeout?: number;
  /** Gives up on the upstream after this many ms per call. @default 30000 */
  upstreamTimeout?: number;
}

export interface ConformanceProxy {
  /** Where clients send their calls instead of the upstream. */
  url: string;
  prism: PrismServer;
  /** Every violation seen so far, in order. */
  violations(): Violation[];
  /** Calls that never got an answer from the upstream, e.g. `POST /v1/auth: fetch failed (ECONNREFUSED)`. */
  unanswered(): string[];
  /** Stops the relays and Prism (by its PID). Safe to call twice. */
  stop(): Promise<void>;
}

// Tags each call on its way through Prism so the two relays can pair their halves.
const EXCHANGE_HEADER = 'x-conformance-exchange';
const HOP_BY_HOP = new Set([
  'connection',
  'content-encoding',
  'content-length',
  'host',
  'keep-alive',
  'transfer-encoding',
  EXCHANGE_HEADER,
]);

function forwardable(headers: IncomingHttpHeaders | Headers): Headers {
  const out = new Headers();
  const copy = (value: string | string[] | undefined, name: string) => {
    if (value === undefined || HOP_BY_HOP.has(name.toLowerCase())) return;
    out.set(name, Array.isArray(value) ? value.join(', ') : value);
  };
  if (headers instanceof Headers) headers.forEach(copy);
  else for (const [name, value] of Object.entries(headers)) copy(value, name);
  return out;
}

function plain(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = value;
  });
  return out;
}

function json(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

interface Answer {
  status: number;
  headers: Headers;
  body: string;
}

async function forward(
  request: IncomingMessage,
  requestBody: string,
  target: string,
  headers: Headers,
  timeout: number,
): Promise<Answer> {
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD' && requestBody !== '';
  const answer = await fetch(target, {
    method: request.method,
    headers,
    body: hasBody ? requestBody : undefined,
    signal: AbortSignal.timeout(timeout),
  });
  return { status: answer.status, headers: answer.headers, body: await answer.text() };
}

function send(response: ServerResponse, answer: Answer) {
  response.writeHead(answer.status, plain(forwardable(answer.headers)));
  response.end(answer.body);
}

// A response violation comes in the `sl-violations` header; a refused request
// only in the `validation` list of Prism's problem+json body.
function prismViolations(answer: Answer): PrismViolation[] {
  const fromHeader = parseViolationsHeader(answer.headers.get('sl-violations'));
  if (fromHeader.length > 0) return fromHeader;
  const problem = json(answer.body) as { type?: unknown; validation?: unknown } | undefined;
  const fromPrism = String(problem?.type).startsWith(PRISM_ERRORS);
  return fromPrism && Array.isArray(problem?.validation)
    ? (problem.validation as PrismViolation[])
    : [];
}

const PRISM_ERRORS = 'https://stoplight.io/prism/errors#';

function explain(error: unknown): string {
  const cause = (error as { cause?: { code?: string } })?.cause?.code;
  const message = error instanceof Error ? error.message : String(error);
  return `${message}${cause ? ` (${cause})` : ''}`;
}

function failWith(response: ServerResponse, error: unknown) {
  if (response.headersSent) return response.destroy();
  response.writeHead(502, { 'content-type': 'text/plain' });
  response.end(`conformance relay: ${explain(error)}`);
}

/**
 * Puts `prism proxy --errors` in front of `upstream`, with a relay on each
 * side of it: the outer one reads Prism's `sl-violations` header, the inner
 * one remembers what the upstream really answered (Prism replaces a
 * violating answer with its own error), so each violation can be reported
 * with the operation, direction, JSON path, what the spec says and what was
 * observed. Everything listens on 127.0.0.1.
 */
export async function startConformanceProxy(
  options: ConformanceProxyOptions,
): Promise<ConformanceProxy> {
  const spec = options.spec ?? defaultSpecPath;
  const doc = loadOpenApi(spec);
  const upstream = options.upstream.replace(/\/+$/, '');
  const timeout = options.upstreamTimeout ?? 30_000;
  const exchanges = new Map<string, Exchange>();
  const seen: Violation[] = [];
  const unanswered: string[] = [];
  const started: Array<LoopbackServer | PrismServer> = [];

  const stop = async () => {
    for (const server of [...started].reverse()) await server.stop();
  };

  try {
    const inner = await startLoopbackServer(async (request, response) => {
      const exchange = exchanges.get(String(request.headers[EXCHANGE_HEADER]));
      const target = `${upstream}${request.url ?? '/'}`;
      try {
        const body = await readBody(request);
        const answer = await forward(request, body, target, forwardable(request.headers), timeout);
        if (exchange)
          Object.assign(exchange, {
            status: answer.status,
            responseHeaders: plain(answer.headers),
            responseBody: json(answer.body),
          });
        send(response, answer);
      } catch (error) {
        if (exchange) exchange.unanswered = explain(error);
        failWith(response, error);
      }
    });
    started.push(inner);

    const prism = await startPrismProxy({
      upstream: inner.url,
      spec,
      startTimeout: options.startTimeout,
    });
    started.push(prism);

    const outer = await startLoopbackServer(async (request, response) => {
      const id = randomUUID();
      const exchange: Exchange = {
        method: request.method ?? 'GET',
        path: new URL(request.url ?? '/', 'http://relay').pathname,
        requestHeaders: request.headers,
      };
      const headers = forwardable(request.headers);
      headers.set(EXCHANGE_HEADER, id);
      exchanges.set(id, exchange);

      try {
        const body = await readBody(request);
        exchange.requestBody = json(body);
        const target = `${prism.url}${request.url ?? '/'}`;
        const answer = await forward(request, body, target, headers, timeout + 5_000);
        // Prism judges the relay's 502 against the spec too; that is no finding about the server.
        if (exchange.unanswered) {
          unanswered.push(`${exchange.method} ${exchange.path}: ${exchange.unanswered}`);
        } else {
          seen.push(...describeViolations(doc, exchange, prismViolations(answer)));
        }
        send(response, answer);
      } catch (error) {
        failWith(response, error);
      } finally {
        exchanges.delete(id);
      }
    });
    started.push(outer);

    return {
      url: outer.url,
      prism,
      violations: () => [...seen],
      unanswered: () => [...unanswered],
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
