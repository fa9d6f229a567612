import { join } from 'node:path';
import { freePort, startCountingApi } from '@digitalpaye/testkit';
import { beforeAll, describe, expect, inject, it, onTestFinished } from 'vitest';
import { apiEnv, examplesDir, runCli, SECRET } from './run-cli.js';

const exampleFile = join(examplesDir, 'customer.json');
const awa = {
  firstName: 'Awa',
  lastName: 'Traoré',
  email: 'awa.traore@example.com',
  phoneNumber: '0700000001',
  address: { countryCode: 'CI', city: 'Abidjan', streetAddress: 'Plateau, avenue Chardy' },
};
let env: Record<string, string>;

beforeAll(() => {
  env = apiEnv(inject('prismUrl'));
});

describe('digitalpaye customers create', () => {
  it('creates the customer from a JSON file and prints id, name and date', async () => {
    const result = await runCli(['customers', 'create', '--file', exampleFile], env);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/id\s+[0-9a-f-]{36}/);
    expect(result.stdout).toMatch(/created\s+\d{4}-\d{2}-\d{2}T/);
  });

  it('prints the customer as JSON with --json, from flags', async () => {
    const flags = ['--first-name', 'Awa', '--last-name', 'Traoré', '--email', awa.email];
    const place = ['--phone', '0700000001', '--country', 'CI', '--city', 'Abidjan'];
    const result = await runCli(
      ['customers', 'create', '--json', ...flags, ...place, '--street', 'Plateau'],
      env,
    );

    expect(result.code).toBe(0);
    const customer = JSON.parse(result.stdout);
    expect(customer).toMatchObject({ id: expect.any(String), createdAt: expect.any(String) });
  });

  it('reads the customer as JSON from stdin when no flag names it', async () => {
    const result = await runCli(['customers', 'create', '--json'], env, JSON.stringify(awa));

    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('exits 2 naming every bad field, without calling the API', async () => {
    const bad = { ...awa, email: 'not-an-email', address: { ...awa.address, city: '' } };
    const result = await runCli(['customers', 'create'], env, JSON.stringify(bad));

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('email');
    expect(result.stderr).toContain('address.city');
  });

  it('exits 2 and names the missing flags without calling the API', async () => {
    const result = await runCli(['customers', 'create', '--first-name', 'Awa'], env);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--last-name');
    expect(result.stderr).toContain('--email');
  });

  it('exits 2 naming the variable when the secret is missing', async () => {
    const { DIGITALPAYE_API_SECRET: _dropped, ...withoutSecret } = env;
    const result = await runCli(['customers', 'create', '--file', exampleFile], withoutSecret);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('DIGITALPAYE_API_SECRET');
  });

  it('takes the settings from flags over the environment', async () => {
    const { DIGITALPAYE_ENVIRONMENT: _e, DIGITALPAYE_API_SECRET: _s, ...rest } = env;
    const flags = ['--environment', 'Sandbox', '--api-secret', SECRET];
    const result = await runCli(['customers', 'create', '--file', exampleFile, ...flags], rest);

    expect(result.code).toBe(0);
    expect(result.stdout + result.stderr).not.toContain(SECRET);
  });

  it('exits 1 and warns that the customer may exist when the outcome is unknown', async () => {
    const api = await startCountingApi({ answer: () => ({ status: 500 }) });
    onTestFinished(() => api.stop());
    const result = await runCli(['customers', 'create', '--file', exampleFile], {
      ...env,
      DIGITALPAYE_BASE_URL: api.url,
    });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('500');
    expect(result.stderr).toContain('the API may have created this customer');
    expect(api.requests['/v1/customer']).toBe(1);
  });

  it('never prints the API secret', async () => {
    const result = await runCli(['customers', 'create', '--file', exampleFile], env);

    expect(result.stdout + result.stderr).not.toContain(SECRET);
  });
});

describe('digitalpaye in French', () => {
  it('speaks French when LANG starts with fr', async () => {
    const result = await runCli(['customers', 'create', '--file', exampleFile], {
      ...env,
      LANG: 'fr_FR.UTF-8',
    });

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Client créé');
  });

  it('prints the help in French, and in English otherwise', async () => {
    const french = await runCli(['--help'], { LANG: 'fr_FR.UTF-8' });
    const english = await runCli(['--help'], { LANG: 'en_GB.UTF-8' });

    expect(french.stdout).toContain('Codes de sortie : 0 terminé');
    expect(english.stdout).toContain('Exit codes: 0 done');
  });

  it('explains usage errors in French', async () => {
    const result = await runCli(['customers', 'frobnicate'], { ...env, LANG: 'fr_CI.UTF-8' });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('commande inconnue');
  });
});

describe('digitalpaye auth check', () => {
  it('says which environment the credentials are valid for and exits 0', async () => {
    const result = await runCli(['auth', 'check'], env);

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Credentials valid for Sandbox \(access token until \d{4}-/);
  });

  it('prints the environment and expiry as JSON with --json', async () => {
    const result = await runCli(['auth', 'check', '--json'], env);

    expect(JSON.parse(result.stdout)).toMatchObject({ valid: true, environment: 'Sandbox' });
  });

  it('does not call credentials refused when the API cannot be reached', async () => {
    const closedPort = await freePort();
    const unreachable = { ...env, DIGITALPAYE_BASE_URL: `http://127.0.0.1:${closedPort}` };

    const result = await runCli(['auth', 'check', '--json'], unreachable);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Could not check the credentials');
    expect(result.stderr).not.toContain('Credentials not accepted');
    expect(JSON.parse(result.stdout)).toMatchObject({ valid: null });
  });
});
