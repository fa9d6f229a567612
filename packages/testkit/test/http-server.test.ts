import { describe, expect, it } from 'vitest';
import { startHttpServer } from '../src/index.js';

describe('startHttpServer', () => {
  it('listens on 127.0.0.1, records each request with its body, and is gone after stop', async () => {
    const server = await startHttpServer((request, response) => {
      response.end(JSON.stringify({ echoed: request.body }));
    });
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);

    const response = await fetch(`${server.url}/v1/customer`, {
      method: 'POST',
      headers: { 'X-Test': 'yes' },
      body: 'hello',
    });

    expect(await response.json()).toEqual({ echoed: 'hello' });
    expect(server.requestsTo('/v1/customer')).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({ method: 'POST', headers: { 'x-test': 'yes' } });

    await server.stop();
    await server.stop();
    await expect(fetch(`${server.url}/v1/customer`)).rejects.toThrow();
  });

  it('answers 500 naming the failure when the handler throws', async () => {
    const server = await startHttpServer(() => {
      throw new Error('boom');
    });

    const response = await fetch(server.url);

    expect(response.status).toBe(500);
    expect(await response.text()).toContain('boom');
    await server.stop();
  });

  it('uses the handler given to handle() for the following requests', async () => {
    const server = await startHttpServer((_, response) => response.end('first'));
    server.handle((_, response) => response.end('second'));

    expect(await (await fetch(server.url)).text()).toBe('second');
    await server.stop();
  });

  it('closes a connection left open by a stalled handler when stopped', async () => {
    const server = await startHttpServer((_, response) => response.writeHead(200));
    const pending = fetch(server.url).then((response) => response.text());

    await new Promise((resolve) => setTimeout(resolve, 50));
    await server.stop();

    await expect(pending).rejects.toThrow();
  });

  it('calls the handler before the body is read when readBody is false', async () => {
    const server = await startHttpServer((request) => request.raw.socket.destroy(), {
      readBody: false,
    });

    await expect(fetch(server.url, { method: 'POST', body: 'x'.repeat(1_000) })).rejects.toThrow();
    expect(server.requests[0]?.body).toBe('');
    await server.stop();
  });

  it('listens on the port it is given', async () => {
    const first = await startHttpServer((_, response) => response.end());
    const { port } = first;
    await first.stop();

    const second = await startHttpServer((_, response) => response.end('again'), { port });

    expect(await (await fetch(`http://127.0.0.1:${port}`)).text()).toBe('again');
    await second.stop();
  });
});
