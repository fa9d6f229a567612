import { join } from 'node:path';
import { type PrismServer, startPrism } from '@digitalpaye/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examplesDir, runCli } from './run-cli.js';

const SECRET = 'cli00000-test-4000-8000-canary0secret';
let prism: PrismServer;
let env: Record<string, string>;

beforeAll(async () => {
  prism = await startPrism();
  env = {
    DIGITALPAYE_BASE_URL: prism.url,
    DIGITALPAYE_ENVIRONMENT: 'Sandbox',
    DIGITALPAYE_API_KEY: 'live_CliTestKey',
    DIGITALPAYE_API_SECRET: SECRET,
  };
});

afterAll(() => prism?.stop());

describe('digitalpaye customers create', () => {
  it('creates the customer from a JSON file and prints id, name and date', async () => {
    const result = await runCli(
      ['customers', 'create', '--file', join(examplesDir, 'customer.json')],
      env,
    );

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/id\s+[0-9a-f-]{36}/);
    expect(result.stdout).toMatch(/created\s+\d{4}-\d{2}-\d{2}T/);
  });

  it('prints the customer as JSON with --json', async () => {
    const result = await runCli(
      [
        'customers',
        'create',
        '--json',
        '--first-name',
        'Awa',
        '--last-name',
        'Traoré',
        '--email',
        'awa.traore@example.com',
        '--phone',
        '0700000001',
        '--country',
        'CI',
        '--city',
        'Abidjan',
        '--street',
        'Plateau, avenue Chardy',
      ],
      env,
    );

    expect(result.code).toBe(0);
    const customer = JSON.parse(result.stdout);
    expect(customer).toMatchObject({ id: expect.any(String), createdAt: expect.any(String) });
  });

  it('exits 2 and names the missing flags without calling the API', async () => {
    const result = await runCli(['customers', 'create', '--first-name', 'Awa'], env);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--last-name');
    expect(result.stderr).toContain('--email');
  });

  it('exits 2 naming the variable when the secret is missing', async () => {
    const { DIGITALPAYE_API_SECRET: _dropped, ...withoutSecret } = env;
    const result = await runCli(
      ['customers', 'create', '--file', join(examplesDir, 'customer.json')],
      withoutSecret,
    );

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('DIGITALPAYE_API_SECRET');
  });

  it('never prints the API secret', async () => {
    const result = await runCli(
      ['customers', 'create', '--file', join(examplesDir, 'customer.json')],
      env,
    );

    expect(result.stdout + result.stderr).not.toContain(SECRET);
  });
});
