import { createServer, type IncomingMessage, type RequestListener } from 'node:http';

export interface LoopbackServer {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  url: string;
  port: number;
  /** Closes the server and every open connection. Safe to call twice. */
  stop(): Promise<void>;
}

/** Starts a node:http server on 127.0.0.1 on a port the kernel picks. */
export function startLoopbackServer(handler: RequestListener): Promise<LoopbackServer> {
  const server = createServer(handler);

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const stop = () =>
        new Promise<void>((done) => {
          if (!server.listening) return done();
          server.close(() => done());
          server.closeAllConnections();
        });
      resolve({ url: `http://127.0.0.1:${port}`, port, stop });
    });
  });
}

/** Reads a whole request body as text. */
export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
