import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  EXPIRED_TOKEN_REASON,
  type FaultServer,
  faultFor,
  faultSequence,
  startFaultServer,
} from '../src/index.js';

const credentials = {
  apiKey: 'live_FaultServerKey',
  apiSecret: 'fault000-0000-4000-8000-server0secret',
};
const basic = `Basic ${Buffer.from(`${credentials.apiKey}:${credentials.apiSecret}`).toString('base64')}`;
const customer = {
  firstName: 'Koffi',
  lastName: 'Brou',
  email: 'koffi.brou@example.com',
  phoneNumber: '0500000001',
  address: { countryCode: 'CI', city: 'Yamoussoukro', streetAddress: 'Quartier Habitat' },
};

let server: FaultServer;

beforeEach(async () => {
  server = await startFaultServer({ credentials, acceptTokens: ['fixed-token'] });
});

afterEach(() => server.close());

function auth(): Promise<Response> {
  return fetch(`${server.url}/v1/auth`, {
    method: 'POST',
    headers: { Authorization: basic, 'X-Environment': 'Sandbox' },
  });
}

function create(token = 'fixed-token', signal?: AbortSignal): Promise<Response> {
  return fetch(`${server.url}/v1/customer`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(customer),
    signal,
  });
}

describe('startFaultServer', () => {
  describe('without faults', () => {
    it('listens on 127.0.0.1 and refuses connections once closed', async () => {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

      await server.close();

      await expect(auth()).rejects.toThrow();
    });

    it('issues a JWT with iat and exp for the right Basic credentials', async () => {
      const response = await auth();
      const { data } = await response.json();
      const payload = JSON.parse(Buffer.from(data.token.split('.')[1], 'base64url').toString());

      expect(response.status).toBe(200);
      expect(payload.exp - payload.iat).toBe(600);
      expect(data.exp).toBe(payload.exp);
      expect(server.tokens).toEqual([data.token]);
    });

    it('answers 401 to wrong credentials and issues nothing', async () => {
      const response = await fetch(`${server.url}/v1/auth`, {
        method: 'POST',
        headers: { Authorization: 'Basic d3Jvbmc6d3Jvbmc=' },
      });

      expect(response.status).toBe(401);
      expect(server.tokens).toEqual([]);
    });

    it('creates a customer with an issued token and counts it', async () => {
      const { data } = await (await auth()).json();
      const response = await create(data.token);
      const body = await response.json();

      expect(response.status).toBe(200);
      expect(body.data).toMatchObject({ ...customer, id: server.created[0]?.id });
      expect(server.created).toHaveLength(1);
      expect(server.count('customer')).toBe(1);
      expect(server.requests[1]?.body).toEqual(customer);
    });

    it('refuses an unknown bearer token with 401 and creates nothing', async () => {
      const response = await create('not-a-token');

      expect(response.status).toBe(401);
      expect((await response.json()).reason).toBe(EXPIRED_TOKEN_REASON);
      expect(server.created).toHaveLength(0);
    });

    it('refuses tokens once their lifetime is over', async () => {
      const shortLived = await startFaultServer({ credentials, tokenLifetime: -1 });
      try {
        const { data } = await (
          await fetch(`${shortLived.url}/v1/auth`, {
            method: 'POST',
            headers: { Authorization: basic },
          })
        ).json();
        const response = await fetch(`${shortLived.url}/v1/customer`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${data.token}` },
          body: JSON.stringify(customer),
        });

        expect(response.status).toBe(401);
      } finally {
        await shortLived.close();
      }
    });

    it('refuses issued tokens once told they expired, and keeps accepted ones', async () => {
      const { data } = await (await auth()).json();

      server.expireTokens();

      expect((await create(data.token)).status).toBe(401);
      expect((await create('fixed-token')).status).toBe(200);
    });
  });

  describe('faults that do not act', () => {
    it('resets before reading the body and creates nothing', async () => {
      server.plan = faultSequence('customer', [{ type: 'reset-before-body' }]);

      await expect(create()).rejects.toThrow();
      expect(server.created).toHaveLength(0);
      expect(server.requests[0]).toMatchObject({ fault: 'reset-before-body', status: undefined });
      expect(server.requests[0]?.body).toBeUndefined();
    });

    it('answers an HTML 502 page', async () => {
      server.plan = faultSequence('customer', [{ type: 'html-502' }]);

      const response = await create();

      expect(response.status).toBe(502);
      expect(response.headers.get('content-type')).toBe('text/html');
      expect(await response.text()).toContain('<h1>502 Bad Gateway</h1>');
      expect(server.created).toHaveLength(0);
    });

    it('answers the documented 500 envelope', async () => {
      server.plan = faultSequence('customer', [{ type: 'server-error' }]);

      const response = await create();

      expect(response.status).toBe(500);
      expect(await response.json()).toMatchObject({ message: 'InternalServerError' });
      expect(server.created).toHaveLength(0);
    });

    it("answers a 502 page that echoes the request's Authorization", async () => {
      server.plan = faultSequence('auth', [{ type: 'echo-auth' }]);

      const response = await auth();

      expect(response.status).toBe(502);
      expect(await response.text()).toContain(basic);
      expect(server.tokens).toHaveLength(0);
    });

    it('answers an empty 500', async () => {
      server.plan = faultSequence('customer', [{ type: 'empty-500' }]);

      const response = await create();

      expect(response.status).toBe(500);
      expect(await response.text()).toBe('');
      expect(server.created).toHaveLength(0);
    });

    it('answers 400 with the failure envelope', async () => {
      server.plan = faultSequence('customer', [{ type: 'bad-request' }]);

      const response = await create();

      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ statusCode: 400, message: 'BadRequestError' });
      expect(server.created).toHaveLength(0);
    });

    it('answers 429 with the Retry-After it was given', async () => {
      server.plan = faultSequence('customer', [{ type: 'rate-limit', retryAfter: '3' }]);

      const response = await create();

      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).toBe('3');
      expect(server.requests[0]?.body).toEqual(customer);
      expect(server.created).toHaveLength(0);
    });

    it('answers a 10 MiB body', async () => {
      server.plan = faultSequence('customer', [{ type: 'huge-body' }]);

      const response = await create();

      expect(response.status).toBe(500);
      expect((await response.arrayBuffer()).byteLength).toBe(10 * 1024 * 1024);
      expect(server.created).toHaveLength(0);
    });

    it('answers 401 with the French reason and revokes the expired token', async () => {
      const { data } = await (await auth()).json();
      server.plan = faultSequence('customer', [{ type: 'token-expired' }]);

      const first = await create(data.token);
      const second = await create(data.token);

      expect(first.status).toBe(401);
      expect(await first.json()).toEqual({
        statusCode: 401,
        message: 'UnauthorizedError',
        reason: EXPIRED_TOKEN_REASON,
      });
      expect(second.status).toBe(401);
      expect(server.created).toHaveLength(0);
    });
  });

  describe('faults that act first', () => {
    it('creates the customer, then resets without answering', async () => {
      server.plan = faultSequence('customer', [{ type: 'reset-after-body' }]);

      await expect(create()).rejects.toThrow();
      expect(server.created).toHaveLength(1);
      expect(server.requests[0]).toMatchObject({ acted: true, status: undefined });
    });

    it('creates the customer, then answers with half a JSON body', async () => {
      server.plan = faultSequence('customer', [{ type: 'truncated-json' }]);

      const response = await create();

      expect(response.status).toBe(200);
      await expect(response.json()).rejects.toThrow(SyntaxError);
      expect(server.created).toHaveLength(1);
    });

    it('creates the customer, then stalls mid-body until the client gives up', async () => {
      server.plan = faultSequence('customer', [{ type: 'stall-body' }]);

      const response = await create('fixed-token', AbortSignal.timeout(300));

      expect(response.status).toBe(200);
      await expect(response.text()).rejects.toThrow();
      expect(server.created).toHaveLength(1);
    });

    it('creates the customer, then sends the headers only after the delay', async () => {
      server.plan = faultSequence('customer', [{ type: 'delay', ms: 250 }]);
      const started = performance.now();

      const response = await create();

      expect(performance.now() - started).toBeGreaterThanOrEqual(240);
      expect(response.status).toBe(200);
      expect(server.created).toHaveLength(1);
    });

    it('creates the customer, then answers 500 when an error fault is told to act', async () => {
      server.plan = faultSequence('customer', [{ type: 'empty-500', acts: true }]);

      const response = await create();

      expect(response.status).toBe(500);
      expect(server.created).toHaveLength(1);
    });

    it('issues a token it then loses when /v1/auth resets after the body', async () => {
      server.plan = faultSequence('auth', [{ type: 'reset-after-body' }]);

      await expect(auth()).rejects.toThrow();
      expect(server.tokens).toHaveLength(1);
    });
  });

  describe('plans', () => {
    it('applies a sequence to one route, request by request, then answers normally', async () => {
      server.plan = faultSequence('customer', [
        { type: 'empty-500' },
        undefined,
        { type: 'html-502' },
      ]);

      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await create()).status);

      expect(statuses).toEqual([500, 200, 502, 200]);
      expect((await auth()).status).toBe(200);
      expect(server.created).toHaveLength(2);
    });

    it('fails /v1/auth for a while, then recovers', async () => {
      server.plan = faultFor('auth', 200, { type: 'empty-500' });

      const during = await auth();
      await new Promise((resolve) => setTimeout(resolve, 250));
      const after = await auth();

      expect(during.status).toBe(500);
      expect(after.status).toBe(200);
      expect(server.count('auth')).toBe(2);
    });

    it('close ends stalled and delayed connections at once', async () => {
      server.plan = faultSequence('customer', [
        { type: 'stall-body' },
        { type: 'delay', ms: 60_000 },
      ]);
      const settled = (p: Promise<unknown>) =>
        p.then(
          () => 'answered',
          () => 'failed',
        );
      const stalled = settled(create().then((r) => r.text()));
      const delayed = settled(create());
      await new Promise((resolve) => setTimeout(resolve, 100));
      const started = performance.now();

      await server.close();

      expect(await stalled).toBe('failed');
      expect(await delayed).toBe('failed');
      expect(performance.now() - started).toBeLessThan(1000);
    });

    it('reset forgets requests, customers and tokens', async () => {
      await auth();
      await create();

      server.reset();

      expect(server.requests).toEqual([]);
      expect(server.created).toEqual([]);
      expect(server.tokens).toEqual([]);
      expect((await create()).status).toBe(200);
    });
  });
});
