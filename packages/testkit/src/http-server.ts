import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { Socket } from 'node:net';

/** A request as the server saw it, body included. */
export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. `/v1/customer`. */
  url: string;
  headers: IncomingHttpHeaders;
  /** The body as text; empty when `readBody` is false. */
  body: string;
  /** The live request, for handlers that misbehave on purpose (reset, stall). */
  raw: IncomingMessage;
}

export type RequestHandler = (request: RecordedRequest, response: ServerResponse) => unknown;

export interface HttpServerOptions {
  /** Port on 127.0.0.1. @default a free port chosen by the kernel */
  port?: number;
  /** Read the whole body before calling the handler. @default true */
  readBody?: boolean;
}

export interface HttpTestServer {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  port: number;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** Requests received for one path. */
  requestsTo(path: string): RecordedRequest[];
  /** Replaces the handler for the following requests. */
  handle(handler: RequestHandler): void;
  /** Closes every connection and the listener. Safe to call twice. */
  stop(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/**
 * Starts a node:http server on 127.0.0.1 for a test. A handler that throws
 * answers 500 with the error's message, so a broken test shows up as a
 * failed assertion rather than a hang.
 *
 * @example
 * const server = await startHttpServer((request, response) => response.end('{}'));
 * await fetch(`${server.url}/v1/auth`, { method: 'POST' });
 * await server.stop();
 */
export async function startHttpServer(
  handler: RequestHandler,
  options: HttpServerOptions = {},
): Promise<HttpTestServer> {
  let current = handler;
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();

  const server = createServer(async (raw, response) => {
    const body = options.readBody === false ? '' : await readBody(raw).catch(() => '');
    const request: RecordedRequest = {
      method: raw.method ?? '',
      url: raw.url ?? '',
      headers: raw.headers,
      body,
      raw,
    };
    requests.push(request);
    try {
      await current(request, response);
    } catch (error) {
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain' });
      response.end(`test handler failed: ${(error as Error).message}`);
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  let stopped: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    requestsTo: (path) => requests.filter((request) => request.url === path),
    handle(next) {
      current = next;
    },
    stop() {
      stopped ??= new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      });
      return stopped;
    },
  };
}
