import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FaultServer } from '@digitalpaye/testkit';
import { CANARY } from '../../src/canary.js';
import { capture } from './capture.js';

const require = createRequire(import.meta.url);
const cliPackage = require.resolve('@digitalpaye/cli/package.json');
const { bin } = require(cliPackage) as { bin: Record<string, string> };

/** The built CLI, as installed in this workspace. */
export const cliPath = join(dirname(cliPackage), bin.digitalpaye as string);
const peakMemoryHook = fileURLToPath(new URL('./peak-memory.mjs', import.meta.url));

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Peak resident memory of the CLI process, in MiB; undefined when it was killed. */
  peakMiB: number | undefined;
}

export interface CliOptions {
  /** Extra environment over the canary credentials aimed at `server`. */
  env?: Record<string, string>;
  stdin?: string | Buffer;
  /** Called with the running process; may kill it. */
  whileRunning?: (pid: number) => void;
  /** Capture file that receives the command line's output for the canary sweep. */
  captureAs?: string;
}

/** Environment that aims the CLI at `server` with the canary credentials. */
export function cliEnv(server: FaultServer): Record<string, string> {
  return {
    DIGITALPAYE_BASE_URL: server.url,
    DIGITALPAYE_ENVIRONMENT: 'Sandbox',
    DIGITALPAYE_API_KEY: CANARY.apiKey,
    DIGITALPAYE_API_SECRET: CANARY.apiSecret,
  };
}

/** Runs the built CLI in its own process, with only PATH and the environment given. */
export function runCli(
  args: string[],
  server: FaultServer | undefined,
  options: CliOptions = {},
): Promise<CliRun> {
  const memoryFile = join(
    tmpdir(),
    `digitalpaye-peak-${process.pid}-${Date.now()}-${Math.random()}`,
  );
  const env = {
    PATH: process.env.PATH ?? '',
    LANG: 'C',
    ...(server ? cliEnv(server) : {}),
    ...options.env,
    DIGITALPAYE_PEAK_MEMORY_FILE: memoryFile,
  };

  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', peakMemoryHook, cliPath, ...args], {
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      let peakMiB: number | undefined;
      if (existsSync(memoryFile)) {
        peakMiB = Number(readFileSync(memoryFile, 'utf8')) / 1024;
        rmSync(memoryFile);
      }
      if (options.captureAs) {
        capture(options.captureAs, `$ digitalpaye ${args.join(' ')}`, stdout, stderr);
      }
      resolve({ code, signal, stdout, stderr, peakMiB });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.stdin ?? '');
    if (child.pid !== undefined) options.whileRunning?.(child.pid);
  });
}
