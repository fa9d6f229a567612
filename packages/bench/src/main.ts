// `pnpm bench` runs every benchmark and writes BENCHMARKS.md at the repository
// root; `pnpm bench --quick` runs them all with small numbers, prints the
// report and writes nothing, to prove the benchmarks still work.
// `--json <file>` also saves the raw results; `--from <file>` renders saved ones.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { runBundleBenchmarks } from './bundle/measure.js';
import { runCallBenchmarks } from './calls/run.js';
import { runCodegenBenchmarks } from './codegen/run.js';
import { describeMachine, finishMachine } from './machine.js';
import { renderReport } from './report.js';
import type { BenchResults } from './results.js';
import { FULL, QUICK } from './settings.js';
import { runStartupBenchmarks } from './startup/run.js';

const require = createRequire(import.meta.url);
const rootDir = fileURLToPath(new URL('../../../', import.meta.url));
const notesFile = fileURLToPath(new URL('../target-notes.md', import.meta.url));

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

function clientVersion(): BenchResults['client'] {
  const { version } = require('@digitalpaye/client/package.json') as { version: string };
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: rootDir,
      encoding: 'utf8',
    });
  } catch {
    // Not a git checkout: the version alone identifies the client.
  }
  return { version, commit: commit.trim() };
}

async function step<T>(name: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  process.stderr.write(`${name}...`);
  const result = await work();
  process.stderr.write(` ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return result;
}

async function measure(): Promise<BenchResults> {
  const settings = process.argv.includes('--quick') ? QUICK : FULL;
  const machine = describeMachine();

  const calls = await step('per-call overhead', () => runCallBenchmarks(settings));
  const bundles = await step('bundle size', () => runBundleBenchmarks());
  const startup = await step('start-up', () => runStartupBenchmarks(settings));
  const codegen = await step('codegen', () => runCodegenBenchmarks(settings));

  return {
    settings,
    machine: finishMachine(machine),
    client: clientVersion(),
    calls,
    bundles,
    startup,
    codegen,
  };
}

// `--from <file>` renders the report again from saved results, e.g. after editing the notes.
const from = option('--from');
const results = from ? (JSON.parse(readFileSync(from, 'utf8')) as BenchResults) : await measure();

const json = option('--json');
if (json) writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);

const report = renderReport(results, readFileSync(notesFile, 'utf8').trim());
if (results.settings.quick) {
  process.stdout.write(report);
} else {
  writeFileSync(`${rootDir}BENCHMARKS.md`, report);
  process.stderr.write('wrote BENCHMARKS.md\n');
}
