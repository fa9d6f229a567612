import { describe, expect, it, onTestFinished } from 'vitest';
import { type CountingApiOptions, startCountingApi } from '../src/index.js';

const customer = {
  firstName: 'Aya',
  lastName: 'Kouassi',
  email: 'aya.kouassi@example.com',
  phoneNumber: '0102030405',
  address: { countryCode: 'CI', city: 'Abidjan', streetAddress: 'Cocody' },
};

async function started(options: CountingApiOptions = {}) {
  const api = await startCountingApi(options);
  onTestFinished(() => api.stop());
  const auth = async (key = 'live_Key') => {
    const basic = Buffer.from(`${key}:secret`).toString('base64');
    return fetch(`${api.url}/v1/auth`, {
      method: 'POST',
      headers: { Authorization: `Basic ${basic}`, 'X-Environment': 'Sandbox' },
    });
  };
  const create = async (token: string) =>
    fetch(`${api.url}/v1/customer`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(customer),
    });
  return { api, auth, create };
}

describe('startCountingApi', () => {
  it('exchanges credentials, creates customers in the spec envelope, and counts them', async () => {
    const { api, auth, create } = await started();
    const { data } = await (await auth()).json();
    const answer = await create(data.token);

    expect(answer.status).toBe(200);
    expect((await answer.json()).data).toMatchObject({ ...customer, id: expect.any(String) });
    await create(data.token);
    expect(api.created).toBe(2);
    expect(api.createdByEmail.get(customer.email)).toBe(2);
  });

  it('refuses an unknown bearer token and an API key it was not told to accept', async () => {
    const { api, auth, create } = await started({ apiKey: 'live_Key' });

    expect((await create('made-up')).status).toBe(401);
    expect((await auth('live_Other')).status).toBe(401);
    expect(api.created).toBe(0);
  });

  it('answers with what `answer` returns instead of creating', async () => {
    const { api, auth, create } = await started({
      answer: () => ({ status: 429, headers: { 'retry-after': '3' } }),
    });
    const { data } = await (await auth()).json();
    const answer = await create(data.token);

    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe('3');
    expect(api.created).toBe(0);
  });

  it('holds the answer after counting when the delay is Infinity', async () => {
    const { api, auth, create } = await started({ delay: Number.POSITIVE_INFINITY });
    const { data } = await (await auth()).json();
    const held = create(data.token).catch(() => 'closed');

    await expect.poll(() => api.inFlight).toBe(1);
    expect(api.created).toBe(1);
    await api.stop();
    expect(await held).toBe('closed');
  });
});
