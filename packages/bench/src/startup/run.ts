import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Settings } from '../settings.js';
import { type Summary, summarize } from '../stats.js';

const run = promisify(execFile);
const benchDir = fileURLToPath(new URL('../..', import.meta.url));

export interface StartupTarget {
  id: string;
  label: string;
  /** The module a fresh process imports; none for bare Node. */
  specifier?: string;
}

export const startupTargets: readonly StartupTarget[] = [
  { id: 'node', label: 'bare Node (no import)' },
  { id: 'openapi-fetch', label: '`openapi-fetch`', specifier: 'openapi-fetch' },
  { id: 'client', label: '`@digitalpaye/client`', specifier: '@digitalpaye/client' },
  { id: 'valibot', label: '`valibot` (a dependency of ours)', specifier: 'valibot' },
];

export interface StartupResult {
  id: string;
  label: string;
  /** Time spent in `await import(...)`, in ms. */
  importMs: Summary;
  /**
   * Import plus loading Node's fetch stack (undici loads lazily, on first use
   * of `Headers` or `fetch`), in ms: what each peer pays before its first call.
   */
  readyMs: Summary;
  /** Time from process start until ready to call, in ms. */
  processMs: Summary;
}

export interface StartupResults {
  runs: number;
  targets: StartupResult[];
}

function program(specifier: string | undefined): string {
  const load = specifier ? `await import(${JSON.stringify(specifier)});` : '';
  return `const t0 = performance.now(); ${load} const t1 = performance.now(); new Headers();
const t2 = performance.now();
process.stdout.write(JSON.stringify({ importMs: t1 - t0, readyMs: t2 - t0, processMs: t2 }));`;
}

type Sample = Record<'importMs' | 'readyMs' | 'processMs', number>;

async function once(target: StartupTarget): Promise<Sample> {
  const { stdout } = await run(
    process.execPath,
    ['--input-type=module', '--eval', program(target.specifier)],
    { cwd: benchDir },
  );
  return JSON.parse(stdout) as Sample;
}

/** Imports each package in fresh Node processes, one at a time, taking turns. */
export async function runStartupBenchmarks(settings: Settings): Promise<StartupResults> {
  const samples: Sample[][] = startupTargets.map(() => []);
  for (let round = 0; round < settings.startupRuns; round++) {
    for (const [index, target] of startupTargets.entries()) {
      samples[index]?.push(await once(target));
    }
  }

  return {
    runs: settings.startupRuns,
    targets: startupTargets.map((target, index) => {
      const own = samples[index] ?? [];
      return {
        id: target.id,
        label: target.label,
        importMs: summarize(own.map((s) => s.importMs)),
        readyMs: summarize(own.map((s) => s.readyMs)),
        processMs: summarize(own.map((s) => s.processMs)),
      };
    }),
  };
}
