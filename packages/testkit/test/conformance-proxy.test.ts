import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type ConformanceProxy,
  formatViolation,
  freePort,
  type StandIn,
  startConformanceProxy,
  startStandIn,
} from '../src/index.js';

let standIn: StandIn;
let proxy: ConformanceProxy;

beforeAll(async () => {
  standIn = await startStandIn();
  proxy = await startConformanceProxy({ upstream: standIn.url });
});

afterAll(async () => {
  await proxy?.stop();
  await standIn?.stop();
});

const customer = {
  firstName: 'Adjoua',
  lastName: 'Yao',
  email: 'adjoua.yao@example.com',
  phoneNumber: '0708091011',
  address: { countryCode: 'CI', city: 'Bouaké', streetAddress: 'Quartier Commerce, rue 12' },
};

async function token(): Promise<string> {
  const response = await fetch(`${proxy.url}/v1/auth`, {
    method: 'POST',
    headers: { 'X-Environment': 'Sandbox', Authorization: 'Basic a2V5OnNlY3JldA==' },
  });
  return (await response.json()).data.token;
}

async function createCustomer(body: unknown = customer): Promise<Response> {
  return fetch(`${proxy.url}/v1/customer`, {
    method: 'POST',
    headers: {
      'X-Environment': 'Sandbox',
      Authorization: `Bearer ${await token()}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify(body),
  });
}

function violationsSince(before: number) {
  return proxy.violations().slice(before);
}

describe('startConformanceProxy in front of a stand-in API', () => {
  let before = 0;
  beforeEach(() => {
    standIn.drift = 'none';
    before = proxy.violations().length;
  });

  it('passes a conforming server through untouched and reports nothing', async () => {
    const response = await createCustomer();

    expect(response.status).toBe(200);
    expect((await response.json()).data).toMatchObject({ firstName: 'Adjoua' });
    expect(violationsSince(before)).toEqual([]);
    expect(standIn.calls).toContain('POST /v1/customer');
  });

  it('reports a createdAt that is a number, with the observed value', async () => {
    standIn.drift = 'createdAt-as-number';

    const response = await createCustomer();

    expect(response.status).toBe(500);
    const [violation] = violationsSince(before);
    expect(violation).toMatchObject({
      operation: 'createCustomer (POST /v1/customer)',
      direction: 'response',
      status: 200,
      path: '$.data.createdAt',
      expected: 'string (date-time)',
    });
    expect(Number(violation?.observed)).toBeGreaterThan(1_700_000_000_000);
  });

  it('reports a customer without an id as the missing $.data.id', async () => {
    standIn.drift = 'customer-without-id';

    await createCustomer();

    expect(violationsSince(before)).toEqual([
      expect.objectContaining({
        direction: 'response',
        path: '$.data.id',
        expected: 'a required string (uuid)',
        observed: 'absent',
      }),
    ]);
  });

  it('reports a 400 whose body is not the failure envelope, field by field', async () => {
    standIn.drift = 'bad-request-other-shape';

    await createCustomer();

    const found = violationsSince(before);
    expect(found.map((v) => v.path)).toEqual(['$.statusCode', '$.message', '$.reason']);
    expect(found[0]).toMatchObject({
      operation: 'createCustomer (POST /v1/customer)',
      status: 400,
      expected: 'a required integer',
      observed: 'absent',
    });
  });

  it('reports a 200 whose data is null', async () => {
    standIn.drift = 'null-data';

    await createCustomer();

    expect(violationsSince(before)).toEqual([
      expect.objectContaining({
        direction: 'response',
        path: '$.data',
        expected: 'object with id, firstName, lastName, email, phoneNumber, address, createdAt',
        observed: 'null',
      }),
    ]);
  });

  it('refuses a request that breaks the spec before it reaches the server', async () => {
    const calls = standIn.calls.length;
    const { email: _omitted, ...withoutEmail } = customer;

    const response = await createCustomer(withoutEmail);

    expect(response.status).toBe(422);
    expect(standIn.calls.slice(calls)).toEqual(['POST /v1/auth']);
    expect(violationsSince(before)).toContainEqual(
      expect.objectContaining({ direction: 'request', path: '$.email', observed: 'absent' }),
    );
  });

  it('says each violation in one line, without the token', async () => {
    standIn.drift = 'createdAt-as-number';
    await createCustomer();

    const [violation] = violationsSince(before);
    if (!violation) throw new Error('expected a violation');
    const line = formatViolation(violation);

    expect(line).toMatch(
      /^createCustomer \(POST \/v1\/customer\) response 200 \$\.data\.createdAt: spec says string \(date-time\); observed \d+ \(/,
    );
    expect(line).not.toContain((await token()).slice(-20));
  });
});

describe('startConformanceProxy in front of a server that does not answer', () => {
  it('reports the call as unanswered, not as a contract violation', async () => {
    const nobody = `http://127.0.0.1:${await freePort()}`;
    const unreachable = await startConformanceProxy({ upstream: nobody });

    try {
      await fetch(`${unreachable.url}/v1/auth`, {
        method: 'POST',
        headers: { 'X-Environment': 'Sandbox', Authorization: 'Basic a2V5OnNlY3JldA==' },
      });

      expect(unreachable.unanswered()).toEqual([
        expect.stringMatching(/^POST \/v1\/auth: .*ECONNREFUSED/),
      ]);
      expect(unreachable.violations()).toEqual([]);
    } finally {
      await unreachable.stop();
    }
  });
});
