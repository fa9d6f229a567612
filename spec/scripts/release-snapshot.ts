import { copyFileSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { lastReleaseSpec, specDir, workingSpec } from './run.js';

// Runs inside `pnpm version-packages`, right after `changeset version`: the spec being
// released becomes the base that `spec:diff` and the release gate compare against.
copyFileSync(workingSpec, lastReleaseSpec);

const { version } = JSON.parse(readFileSync(`${specDir}/package.json`, 'utf8'));
const { info } = parse(readFileSync(lastReleaseSpec, 'utf8'));
console.log(
  `${relative(join(specDir, '..'), lastReleaseSpec)} is now the spec of @digitalpaye/openapi ${version} (API ${info?.version ?? '?'}).`,
);
