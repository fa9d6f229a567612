/**
 * Runs the fault suite, then sweeps its own output, its report and every
 * file the tests captured (logs, errors, CLI output, journals, failed-row
 * reports) for the canary secret and tokens. Any hit fails the run.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canaryStrings } from '../src/canary.js';
import { findLeaks, type Leak, sweepFolder } from '../src/sweep.js';

const TOKENS_FILE = 'issued-tokens.txt';
const REPORT = '.vitest-report.json';
const require = createRequire(import.meta.url);

function runVitest(captureDir: string, args: string[]): Promise<{ code: number; output: string }> {
  const vitest = join(require.resolve('vitest/package.json'), '..', 'vitest.mjs');
  const child = spawn(
    process.execPath,
    [
      vitest,
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${REPORT}`,
      ...args,
    ],
    {
      env: { ...process.env, DIGITALPAYE_FAULT_CAPTURE: captureDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const chunks: string[] = [];
  child.stdout.on('data', (chunk: Buffer) => {
    chunks.push(chunk.toString('utf8'));
    process.stdout.write(chunk);
  });
  child.stderr.on('data', (chunk: Buffer) => {
    chunks.push(chunk.toString('utf8'));
    process.stderr.write(chunk);
  });
  return new Promise((resolve) => {
    child.on('close', (code) => resolve({ code: code ?? 1, output: chunks.join('') }));
  });
}

async function main(): Promise<number> {
  const captureDir = await mkdtemp(join(tmpdir(), 'digitalpaye-faults-'));
  const { code, output } = await runVitest(captureDir, process.argv.slice(2));

  const tokensPath = join(captureDir, TOKENS_FILE);
  const tokens = existsSync(tokensPath)
    ? (await readFile(tokensPath, 'utf8')).split('\n').filter(Boolean)
    : [];
  const canaries = canaryStrings([...new Set(tokens)]);

  const swept = await sweepFolder(captureDir, canaries, [TOKENS_FILE]);
  const leaks: Leak[] = [...findLeaks(output, 'suite output', canaries), ...swept.leaks];
  if (existsSync(REPORT))
    leaks.push(...findLeaks(await readFile(REPORT, 'utf8'), REPORT, canaries));

  if (swept.files === 0 && process.argv.length <= 2) {
    console.error('\ncanary sweep: the tests captured no file, so the sweep would prove nothing');
    return 1;
  }
  if (leaks.length > 0) {
    console.error(`\ncanary sweep: ${leaks.length} leak(s); captured files kept in ${captureDir}`);
    for (const leak of leaks) console.error(`  ${leak.canary} in ${leak.where}:${leak.line}`);
    return 1;
  }

  console.log(
    `\ncanary sweep: ${canaries.size} canaries, none found in the suite output, ${REPORT} ` +
      `and ${swept.files} captured files (${Math.round(swept.bytes / 1024)} KiB)`,
  );
  await rm(captureDir, { recursive: true, force: true });
  return code;
}

process.exitCode = await main();
