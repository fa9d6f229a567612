import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';

export const cliPath = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
export const examplesDir = fileURLToPath(new URL('../examples/', import.meta.url));

/** A canary secret: no output, journal or report of the CLI may contain it. */
export const SECRET = 'cli00000-test-4000-8000-canary0secret';

/** The variables that point the CLI at a test server, with fictitious credentials. */
export function apiEnv(baseUrl: string): Record<string, string> {
  return {
    DIGITALPAYE_BASE_URL: baseUrl,
    DIGITALPAYE_ENVIRONMENT: 'Sandbox',
    DIGITALPAYE_API_KEY: 'live_CliTestKey',
    DIGITALPAYE_API_SECRET: SECRET,
  };
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunningCli {
  child: ChildProcessWithoutNullStreams;
  /** Output so far. */
  output(): { stdout: string; stderr: string };
  done: Promise<CliResult>;
}

/** Starts the built CLI in its own process with only the environment given. */
export function startCli(
  args: string[],
  env: Record<string, string>,
  options: { stdin?: string; cwd?: string } = {},
): RunningCli {
  return startCommand(process.execPath, [cliPath, ...args], env, options);
}

/** Runs any command to its end with only the environment given. */
export function runCommand(
  command: string,
  args: string[],
  env: Record<string, string>,
): Promise<CliResult> {
  return startCommand(command, args, env).done;
}

function startCommand(
  command: string,
  args: string[],
  env: Record<string, string>,
  options: { stdin?: string; cwd?: string } = {},
): RunningCli {
  const child = spawn(command, args, {
    env: { PATH: process.env.PATH ?? '', ...env },
    cwd: options.cwd,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  child.stdin.end(options.stdin ?? '');
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, output: () => ({ stdout, stderr }), done };
}

/** Runs the built CLI to its end. */
export function runCli(
  args: string[],
  env: Record<string, string>,
  stdin?: string,
): Promise<CliResult> {
  return startCli(args, env, { stdin }).done;
}

/**
 * Samples the peak resident memory (VmHWM, in MiB) of a running process
 * from /proc until it exits; resolves to the highest value seen.
 */
export function peakMemory(pid: number, every = 50): { stop(): number } {
  let peak = 0;
  const sample = () => {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kib = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
      peak = Math.max(peak, kib / 1024);
    } catch {
      // the process has ended; keep the last sample
    }
  };
  const timer = setInterval(sample, every);
  sample();
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}

/** A fresh temporary folder for one test, removed after it. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'digitalpaye-cli-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Waits until `condition` holds, polling; fails after `timeout` ms. */
export async function waitFor(condition: () => boolean, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The journal's row entries, last status per row. */
export function journalRows(path: string): Map<number, Record<string, unknown>> {
  const rows = new Map<number, Record<string, unknown>>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line) continue;
    const entry = JSON.parse(line) as Record<string, unknown>;
    if (entry.event === 'row') rows.set(entry.row as number, entry);
  }
  return rows;
}
