import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const spec = require.resolve('@digitalpaye/openapi/openapi.yaml');
const output = fileURLToPath(new URL('../dist/index.html', import.meta.url));

// --inlineBundle embeds Redoc itself, so the page renders from a file with no network.
const result = spawnSync(
  'redocly',
  [
    'build-docs',
    spec,
    '--inlineBundle',
    '--output',
    output,
    '--title',
    'DigitalPaye API reference',
    '--openapi.expandResponses=all',
    '--openapi.requiredPropsFirst=true',
    '--openapi.hideDownloadButtons=false',
    '--lint-config=off',
  ],
  {
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  },
);

if (result.status !== 0) {
  // Redocly's notices go to stderr on success too; show them only when the build fails.
  console.error(`${result.stdout}${result.stderr}`);
  console.error(`redocly build-docs failed (exit ${result.status ?? result.signal})`);
  process.exit(1);
}
// The only thing Redoc still fetches is the attribution logo in the sidebar; draw it inline so
// that opening the file makes no request at all.
const logo = (text: string) =>
  `data:image/svg+xml,${encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="16"><text x="0" y="12" font-family="sans-serif" font-size="12">${text}</text></svg>`,
  )}`;
const html = readFileSync(output, 'utf8');
const offline = html
  .replaceAll('https://cdn.redoc.ly/redoc/logo-mini-full.svg', logo('Redocly'))
  .replaceAll('https://cdn.redoc.ly/redoc/logo-mini.svg', logo('R'));
const remote = offline.match(/https:\/\/cdn\.redoc\.ly\/[^`"' )]+/g);
if (remote) {
  console.error(`the page still loads from a CDN: ${[...new Set(remote)].join(', ')}`);
  process.exit(1);
}
writeFileSync(output, offline);

const root = fileURLToPath(new URL('../../..', import.meta.url));
console.log(
  `API reference written to ${relative(root, output)}: open it from disk or any static host.`,
);
