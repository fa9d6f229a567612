/**
 * The main job: starts the Prism mock from spec/openapi.yaml on a free
 * loopback port, imports the bundled example file with the built CLI, and
 * stops Prism by its PID however the run ends. The journal and the
 * failed-rows file go to a fresh temporary folder, so every run starts
 * clean and the work tree stays untouched.
 *
 * The example has one deliberately invalid row, so the CLI itself exits 1;
 * the demo exits 0 when the journal shows exactly that outcome.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type PrismServer, startPrism } from '@digitalpaye/testkit';

const cliPath = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const appDir = fileURLToPath(new URL('..', import.meta.url));
const example = 'examples/customers.csv';
const EXPECTED = { created: 24, invalid: 1 };

const workDir = await mkdtemp(join(tmpdir(), 'digitalpaye-demo-'));
const journal = join(workDir, 'customers.journal.jsonl');
const failed = join(workDir, 'customers.failed.csv');

// Handlers first: a Ctrl-C while Prism is starting waits for its PID, then stops it.
let prism: PrismServer | undefined;
let stopping: number | undefined;
const stopAndExit = async (code: number) => {
  if (stopping !== undefined) return;
  stopping = code;
  if (!prism) return; // still starting: stopped below as soon as its PID is known
  await prism.stop();
  await rm(workDir, { recursive: true, force: true });
  process.exit(code);
};
process.on('SIGINT', () => void stopAndExit(130));
process.on('SIGTERM', () => void stopAndExit(143));

prism = await startPrism();
if (stopping !== undefined) {
  const code = stopping;
  stopping = undefined;
  await stopAndExit(code);
}
console.log(`Mock API (Prism, from spec/openapi.yaml) listening on ${prism.url}\n`);

/** Counts the final status of each row in the journal. */
async function outcomes(): Promise<Record<string, number>> {
  const last = new Map<number, string>();
  for (const line of (await readFile(journal, 'utf8')).split('\n')) {
    if (!line) continue;
    const entry = JSON.parse(line) as { event: string; row: number; status: string };
    if (entry.event === 'row') last.set(entry.row, entry.status);
  }
  const counts: Record<string, number> = {};
  for (const status of last.values()) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

async function finish(code: number | null): Promise<void> {
  const counts = await outcomes().catch(() => ({}) as Record<string, number>);
  const asIntended =
    code === 1 && counts.created === EXPECTED.created && counts.invalid === EXPECTED.invalid;

  if (asIntended) {
    console.log(`\nThe failed-rows file the merchant would fix and import again:\n`);
    console.log((await readFile(failed, 'utf8')).replace(/^\uFEFF/, ''));
    console.log(
      `Demo ran as intended: ${EXPECTED.created} customers created, ` +
        `the ${EXPECTED.invalid} invalid row reported (the CLI exits 1 for it). ` +
        'The journal and the failed-rows file were in a temporary folder, now removed.',
    );
  } else {
    console.error(
      `\nDemo did not run as intended: CLI exit ${code}, outcomes ${JSON.stringify(counts)}`,
    );
  }
  await stopAndExit(asIntended ? 0 : 1);
}

const args = [
  'customers',
  'import',
  example,
  '--journal',
  journal,
  '--failed',
  failed,
  ...process.argv.slice(2),
];
console.log(`$ digitalpaye customers import ${example}\n`);

const child = spawn(process.execPath, [cliPath, ...args], {
  cwd: appDir,
  stdio: 'inherit',
  env: {
    ...process.env,
    DIGITALPAYE_BASE_URL: prism.url,
    DIGITALPAYE_ENVIRONMENT: 'Sandbox',
    // Fictitious credentials: the mock accepts any Basic pair.
    DIGITALPAYE_API_KEY: 'live_DemoKey0000000000',
    DIGITALPAYE_API_SECRET: 'demo0000-0000-4000-8000-000000000000',
  },
});
child.on('error', () => void stopAndExit(1));
child.on('exit', (code) => void finish(code));
