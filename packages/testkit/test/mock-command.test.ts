import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSpecPath, freePort } from '../src/index.js';

const run = promisify(execFile);
const script = fileURLToPath(new URL('../scripts/mock.ts', import.meta.url));

let dir: string;
let spec: string;
let mock: ChildProcess;
let output = '';

function waitForOutput(pattern: RegExp, timeout = 30_000): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = output.match(pattern);
      if (match) {
        clearInterval(timer);
        resolve(match);
      } else if (Date.now() > deadline) {
        clearInterval(timer);
        reject(new Error(`no ${pattern} in output:\n${output}`));
      }
    };
    const deadline = Date.now() + timeout;
    const timer = setInterval(check, 100);
  });
}

/** The curl command printed under `# <step>.`, continuation lines included. */
function printedCurl(step: number): string {
  const lines = output.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`# ${step}. `)) + 1;
  let end = start;
  while (lines[end]?.endsWith('\\')) end++;
  return lines.slice(start, end + 1).join('\n');
}

async function shell(command: string): Promise<unknown> {
  const { stdout } = await run('bash', ['-c', command]);
  return JSON.parse(stdout);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'digitalpaye-mock-'));
  spec = join(dir, 'openapi.yaml');
  copyFileSync(defaultSpecPath, spec);

  const port = await freePort();
  mock = spawn(process.execPath, ['--import', 'tsx', script, '--spec', spec], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  mock.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  mock.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  // Prism may take up to startPrism's 60 s default to answer on a busy machine.
  await waitForOutput(/# 2\. .*[\s\S]*code=500'\n/, 80_000);
});

afterAll(() => {
  if (mock.exitCode === null) mock.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('pnpm mock', () => {
  it('prints its 127.0.0.1 URL on the port from PORT and the Prism pid', () => {
    expect(output).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+ \(pid \d+\)/);
    expect(output).not.toContain('__ready');
  });

  it('prints a token request that works when pasted into a shell', async () => {
    const body = await shell(printedCurl(1));

    expect(body).toMatchObject({ statusCode: 200, data: { token: expect.any(String) } });
  });

  it('prints a customer request that works when pasted, and how to ask for 401 and 500', async () => {
    const body = await shell(printedCurl(2));
    const unauthorized = await shell(`${printedCurl(2)} -H 'Prefer: code=401'`);
    const failure = await shell(`${printedCurl(2)} -H 'Prefer: code=500'`);

    expect(body).toMatchObject({ statusCode: 200, data: { id: expect.any(String) } });
    expect(unauthorized).toMatchObject({ statusCode: 401, message: 'UnauthorizedError' });
    expect(failure).toMatchObject({ statusCode: 500, message: 'InternalServerError' });
    expect(output).toContain("add -H 'Prefer: code=401' or -H 'Prefer: code=500'");
  });

  it('serves an edited spec without a restart, and says so', async () => {
    writeFileSync(spec, readFileSync(spec, 'utf8').replace('exp: 2000000000', 'exp: 2000000123'));

    await waitForOutput(/changed: Prism reloaded it/);
    const body = await waitForValue(() => shell(printedCurl(1)), 2_000_000_123);

    expect(body).toMatchObject({ data: { exp: 2_000_000_123 } });
  });

  it('waits out a spec that cannot be read, and serves again once it is fixed', async () => {
    const good = readFileSync(spec, 'utf8');
    writeFileSync(spec, `${good}\npaths: [\n`);

    await waitForOutput(/Fix .* and save it: the mock restarts then\./);
    writeFileSync(spec, good.replace('exp: 2000000123', 'exp: 2000000456'));
    // A restart is a fresh Prism start, which takes tens of seconds on a loaded machine.
    await waitForOutput(
      /changed: Prism restarted on http:\/\/127\.0\.0\.1:\d+ \(pid \d+\)/,
      80_000,
    );
    const body = await waitForValue(() => shell(printedCurl(1)), 2_000_000_456);

    expect(body).toMatchObject({ data: { exp: 2_000_000_456 } });
  }, 180_000);

  it('stops Prism by its pid on Ctrl-C', async () => {
    const pid = Number([...output.matchAll(/\(pid (\d+)\)/g)].at(-1)?.[1]);
    const exited = new Promise((resolve) => mock.once('exit', resolve));

    mock.kill('SIGINT');

    expect(await exited).toBe(0);
    expect(() => process.kill(pid, 0)).toThrow();
  });
});

describe('pnpm mock with a PORT that is not a port', () => {
  it('refuses, naming PORT and the fix', async () => {
    const failure = await run(process.execPath, ['--import', 'tsx', script], {
      env: { ...process.env, PORT: 'eighty' },
    }).catch((error: { code: number; stderr: string }) => error);

    expect(failure).toMatchObject({ code: 2, stderr: expect.stringMatching(/PORT is "eighty"/) });
  });
});

// Prism answers with the old document until its reload has finished.
async function waitForValue(read: () => Promise<unknown>, exp: number): Promise<unknown> {
  const deadline = Date.now() + 20_000;
  let last: unknown;
  while (Date.now() < deadline) {
    last = await read().catch(() => undefined);
    if ((last as { data?: { exp?: number } })?.data?.exp === exp) return last;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return last;
}
