// A stand-in for the DigitalPaye API, run in its own process so its CPU is not
// counted against the clients. It answers the two documented operations with
// the documented envelopes, prints its port as one JSON line, and runs until
// it is stopped by its PID.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readBody } from '@digitalpaye/testkit';
import { customerBody, failureBody, issueToken } from './envelopes.js';

const { token, body: tokenBody } = issueToken();
const unauthorized = failureBody(
  401,
  'UnauthorizedError',
  "Jeton d'accès invalide, reconnectez-vous",
);
const notFound = failureBody(404, 'NotFoundError', 'Ressource introuvable');
const badRequest = failureBody(400, 'BadRequestError', 'Corps de requête illisible');

function send(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  response.end(body);
}

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const body = await readBody(request);
  const authorization = request.headers.authorization ?? '';

  if (request.method === 'POST' && request.url === '/v1/auth') {
    if (!authorization.startsWith('Basic ')) return send(response, 401, unauthorized);
    return send(response, 200, tokenBody);
  }

  if (request.method === 'POST' && request.url === '/v1/customer') {
    if (authorization !== `Bearer ${token}`) return send(response, 401, unauthorized);
    return send(response, 200, customerBody(JSON.parse(body || '{}')));
  }

  send(response, 404, notFound);
}

const server = createServer({ keepAliveTimeout: 60_000 }, (request, response) => {
  handle(request, response).catch(() => send(response, 400, badRequest));
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ port })}\n`);
});

process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
