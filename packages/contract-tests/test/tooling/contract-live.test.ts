import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type Drift, type StandIn, startStandIn } from '@digitalpaye/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { LiveTargetError, readLiveTarget } from '../../scripts/live-target.js';

const run = promisify(execFile);
const runner = fileURLToPath(new URL('../../scripts/live.ts', import.meta.url));
const production = ['https://api.digitalpaye.com'];
const secret = 'f1c7a0de-5a1e-4c3b-9d2e-7b8a6c5d4e3f';
// Each run starts Prism and a vitest process of its own: give it time on a busy machine.
const RUN_TIMEOUT = 90_000;
const credentials = { DIGITALPAYE_API_KEY: 'live_StandInKey0001', DIGITALPAYE_API_SECRET: secret };

describe('readLiveTarget', () => {
  const sandbox = {
    ...credentials,
    DIGITALPAYE_BASE_URL: 'https://sandbox.example.com/',
    DIGITALPAYE_ENVIRONMENT: 'Sandbox',
  };

  it('accepts an explicit server, credentials and environment', () => {
    expect(readLiveTarget(sandbox, production)).toEqual({
      baseUrl: 'https://sandbox.example.com',
      environment: 'Sandbox',
    });
  });

  it('refuses to start without a base URL, since it has no default', () => {
    const { DIGITALPAYE_BASE_URL: _omitted, ...env } = sandbox;

    expect(() => readLiveTarget(env, production)).toThrow(/DIGITALPAYE_BASE_URL is not set/);
  });

  it('refuses to start without credentials, naming each variable', () => {
    const env = { ...sandbox, DIGITALPAYE_API_KEY: '', DIGITALPAYE_API_SECRET: undefined };

    const error = (() => {
      try {
        readLiveTarget(env, production);
      } catch (caught) {
        return caught;
      }
    })();

    expect(error).toBeInstanceOf(LiveTargetError);
    expect(String(error)).toMatch(/DIGITALPAYE_API_KEY is not set[\s\S]*DIGITALPAYE_API_SECRET/);
  });

  it('refuses the production host unless DIGITALPAYE_ENVIRONMENT=Production', () => {
    const env = { ...sandbox, DIGITALPAYE_BASE_URL: 'https://API.digitalpaye.com' };

    expect(() => readLiveTarget(env, production)).toThrow(
      /production API \(api\.digitalpaye\.com\).*DIGITALPAYE_ENVIRONMENT=Production/,
    );
    expect(
      readLiveTarget({ ...env, DIGITALPAYE_ENVIRONMENT: 'Production' }, production),
    ).toMatchObject({ environment: 'Production' });
  });

  it('never repeats the secret in its refusal', () => {
    const env = {
      ...credentials,
      DIGITALPAYE_BASE_URL: 'ftp://x',
      DIGITALPAYE_ENVIRONMENT: 'Test',
    };

    expect(() => readLiveTarget(env, production)).toThrow(/not an http\(s\) URL/);
    expect(() => readLiveTarget(env, production)).not.toThrow(secret);
  });
});

interface RunResult {
  code: number;
  output: string;
}

async function contractLive(env: Record<string, string>): Promise<RunResult> {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('DIGITALPAYE_')),
  );
  const options = {
    env: { ...clean, ...env, NO_COLOR: '1', FORCE_COLOR: '0' },
    timeout: RUN_TIMEOUT,
  };
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', runner], options);
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

describe('pnpm contract:live', () => {
  let standIn: StandIn | undefined;
  afterEach(async () => standIn?.stop());

  async function against(drift: Drift): Promise<RunResult> {
    standIn = await startStandIn(drift);
    return contractLive({
      ...credentials,
      DIGITALPAYE_BASE_URL: standIn.url,
      DIGITALPAYE_ENVIRONMENT: 'Sandbox',
    });
  }

  it(
    'refuses to start, starting nothing, when the target is not explicit',
    async () => {
      const result = await contractLive({ DIGITALPAYE_ENVIRONMENT: 'Sandbox' });

      expect(result.code).toBe(2);
      expect(result.output).toMatch(/contract:live will not start/);
      expect(result.output).not.toMatch(/Validating proxy/);
    },
    RUN_TIMEOUT,
  );

  it(
    'passes against a stand-in that keeps to the spec',
    async () => {
      const result = await against('none');

      expect(result.output).toMatch(/Tests\s+\d+ passed/);
      expect(result.output).not.toMatch(/failed/);
      expect(result.output).toContain('No contract violations seen');
      expect(standIn?.calls).toEqual(
        expect.arrayContaining(['POST /v1/auth', 'POST /v1/customer']),
      );
      expect(result.code).toBe(0);
    },
    RUN_TIMEOUT,
  );

  it(
    'fails against a stand-in whose createdAt is a number, naming the path once',
    async () => {
      const result = await against('createdAt-as-number');

      expect(result.code).toBe(1);
      expect(result.output).toMatch(
        /createCustomer \(POST \/v1\/customer\) response 200 \$\.data\.createdAt: spec says string \(date-time\); observed \d+ .*\[\d+ calls\]/,
      );
      expect(result.output).not.toContain(secret);
    },
    RUN_TIMEOUT,
  );
});
