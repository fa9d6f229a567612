/**
 * `pnpm contract:live`: runs the contract suite through `prism proxy --errors`
 * in front of DIGITALPAYE_BASE_URL, so every request and response is checked
 * against spec/openapi.yaml, then lists each violation with its operation,
 * direction, JSON path, what the spec says and what was observed.
 *
 * Needs DIGITALPAYE_BASE_URL, DIGITALPAYE_API_KEY, DIGITALPAYE_API_SECRET and
 * DIGITALPAYE_ENVIRONMENT; refuses the production host unless
 * DIGITALPAYE_ENVIRONMENT=Production. Extra arguments go to vitest.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  defaultSpecPath,
  formatViolation,
  loadOpenApi,
  startConformanceProxy,
  type Violation,
} from '@digitalpaye/testkit';
import { LiveTargetError, readLiveTarget } from './live-target.js';

const require = createRequire(import.meta.url);
const vitest = join(dirname(require.resolve('vitest/package.json')), 'vitest.mjs');
const packageDir = fileURLToPath(new URL('..', import.meta.url));

const servers = (loadOpenApi(defaultSpecPath).servers ?? []) as Array<{ url: string }>;
let target: ReturnType<typeof readLiveTarget>;
try {
  target = readLiveTarget(
    process.env,
    servers.map((server) => server.url),
  );
} catch (error) {
  if (!(error instanceof LiveTargetError)) throw error;
  console.error(error.message);
  process.exit(2);
}

const shownTarget = new URL(target.baseUrl).origin;
console.log(`Checking ${shownTarget} (${target.environment}) against spec/openapi.yaml`);

const proxy = await startConformanceProxy({ upstream: target.baseUrl }).catch((error: unknown) => {
  console.error(`The validating proxy did not start: ${(error as Error).message}`);
  process.exit(1);
});
console.log(`Validating proxy (prism proxy --errors, pid ${proxy.prism.pid}) on ${proxy.url}\n`);

const suite = spawn(process.execPath, [vitest, 'run', ...process.argv.slice(2)], {
  cwd: packageDir,
  stdio: 'inherit',
  env: {
    ...process.env,
    DIGITALPAYE_CONTRACT_URL: proxy.url,
    DIGITALPAYE_CONTRACT_LIVE: '1',
  },
});

const stopAndExit = async (code: number) => {
  await proxy.stop();
  process.exit(code);
};
process.on('SIGINT', () => suite.kill('SIGINT'));
process.on('SIGTERM', () => suite.kill('SIGTERM'));

// The same break seen on several calls is one finding: show its first
// observation once, with a count.
function report(violations: Violation[]): string[] {
  const found = new Map<string, { line: string; count: number }>();
  for (const violation of violations) {
    const key = formatViolation({ ...violation, observed: '' });
    const entry = found.get(key) ?? { line: formatViolation(violation), count: 0 };
    entry.count++;
    found.set(key, entry);
  }
  return [...found.values()].map(({ line, count }) =>
    count > 1 ? `${line} [${count} calls]` : line,
  );
}

suite.on('exit', (code) => {
  const violations = proxy.violations();
  const unanswered = proxy.unanswered();
  if (unanswered.length > 0) {
    console.log(`\n${shownTarget} did not answer ${unanswered.length} call(s):`);
    for (const line of new Set(unanswered)) console.log(`  ${line}`);
  }
  if (violations.length === 0) {
    console.log(`\nNo contract violations seen between the suite and ${shownTarget}.`);
  } else {
    console.log(`\nContract violations seen on ${shownTarget}:`);
    for (const line of report(violations)) console.log(`  ${line}`);
  }
  const clean = code === 0 && violations.length === 0 && unanswered.length === 0;
  void stopAndExit(clean ? 0 : 1);
});
