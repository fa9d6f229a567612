// Sums the vitest JSON reports written by `pnpm test` into one closing line.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const roots = ['spec', 'packages', 'apps'];
const reports = [];

function walk(dir, depth) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === '.git') continue;
    const path = join(dir, name);
    if (/^\.vitest-report(\.[a-z]+)?\.json$/.test(name)) reports.push(path);
    else if (depth < 3 && statSync(path).isDirectory()) walk(path, depth + 1);
  }
}

for (const root of roots) walk(root, 0);

let passed = 0;
let failed = 0;
for (const path of reports) {
  const report = JSON.parse(readFileSync(path, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += (report.numFailedTests ?? 0) + (report.numFailedTestSuites ?? 0);
}

// A step that failed outside any test (install, lint, typecheck, drift) still counts as a failure.
if (process.argv[2] && process.argv[2] !== '0' && failed === 0) failed = 1;

console.log(`${passed} passed, ${failed} failed`);
