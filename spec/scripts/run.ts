import { spawn } from 'node:child_process';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/** The spec package's folder, whatever the caller's working directory. */
export const specDir = fileURLToPath(new URL('..', import.meta.url));

export const workingSpec = resolve(specDir, 'openapi.yaml');
export const lastReleaseSpec = resolve(specDir, 'releases/openapi.last-release.yaml');

/** Environment for the tools: no telemetry, no update notices, no colours. */
export const toolEnv: NodeJS.ProcessEnv = {
  ...process.env,
  REDOCLY_TELEMETRY: 'off',
  REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
  OPTIC_TELEMETRY_LEVEL: 'off',
  NO_COLOR: '1',
  FORCE_COLOR: '0',
};

/**
 * A path given on the command line, read against the folder the user ran
 * `pnpm` from (pnpm runs package scripts inside the package). The root
 * scripts pass that folder on as DIGITALPAYE_USER_CWD, since the nested
 * `pnpm --filter` they call resets INIT_CWD to the root.
 */
export function userPath(path: string): string {
  if (isAbsolute(path)) return path;
  const base = process.env.DIGITALPAYE_USER_CWD || process.env.INIT_CWD || process.cwd();
  return resolve(base, path);
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command and collects its output; never throws for a non-zero exit. */
export function run(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<RunResult> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? specDir,
      env: options.env ?? toolEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.once('error', fail);
    child.once('close', (code) => done({ code: code ?? 1, stdout, stderr }));
  });
}

/** Runs a tool installed in the spec package's node_modules/.bin. */
export function runBin(
  name: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<RunResult> {
  return run(resolve(specDir, 'node_modules/.bin', name), args, options);
}

export interface SpecPair {
  base: string;
  head: string;
  /** The folder of pending changesets. */
  changesets: string;
}

/**
 * Reads `--base`, `--head` and `--changesets`; by default the last release,
 * the working spec and the repository's `.changeset/`.
 */
export function specPairArgs(argv: string[]): SpecPair {
  const { values } = parseArgs({
    args: argv,
    options: {
      base: { type: 'string' },
      head: { type: 'string' },
      changesets: { type: 'string' },
    },
  });

  return {
    base: values.base ? userPath(values.base) : lastReleaseSpec,
    head: values.head ? userPath(values.head) : workingSpec,
    changesets: values.changesets ? userPath(values.changesets) : join(specDir, '..', '.changeset'),
  };
}
