import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMER_ID } from '../src/server/envelopes.js';
import { type ApiServer, startApiServer } from '../src/server/launch.js';

let server: ApiServer;

beforeAll(async () => {
  server = await startApiServer();
});

afterAll(() => server.stop());

function post(path: string, headers: Record<string, string>, body?: unknown) {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

describe('benchmark stand-in server', () => {
  it('listens on 127.0.0.1 in another process', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.pid).not.toBe(process.pid);
  });

  it('exchanges Basic credentials for a token that expires in the future', async () => {
    const response = await post('/v1/auth', { Authorization: 'Basic a2V5OnNlY3JldA==' });
    const body = (await response.json()) as { data: { token: string; exp: number } };

    expect(response.status).toBe(200);
    expect(body.data.token.split('.')).toHaveLength(3);
    expect(body.data.exp).toBeGreaterThan(Date.now() / 1000);
  });

  it('echoes a customer created with that token, with an id and createdAt', async () => {
    const auth = await post('/v1/auth', { Authorization: 'Basic a2V5OnNlY3JldA==' });
    const { data } = (await auth.json()) as { data: { token: string } };
    const response = await post(
      '/v1/customer',
      { Authorization: `Bearer ${data.token}`, 'Content-Type': 'application/json' },
      { firstName: 'Awa' },
    );

    expect(await response.json()).toMatchObject({
      statusCode: 200,
      data: { id: CUSTOMER_ID, firstName: 'Awa', createdAt: expect.any(String) },
    });
  });

  it('answers the documented 401 envelope to a call without a valid token', async () => {
    const response = await post('/v1/customer', { Authorization: 'Bearer wrong' }, {});

    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ message: 'UnauthorizedError' });
  });

  it('is gone once stopped by its PID', async () => {
    const other = await startApiServer();
    await other.stop();

    expect(() => process.kill(other.pid, 0)).toThrow();
    await expect(fetch(other.url)).rejects.toThrow();
  });
});
