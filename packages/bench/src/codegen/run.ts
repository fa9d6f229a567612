import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { Settings } from '../settings.js';
import { type Summary, summarize } from '../stats.js';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const clientDir = dirname(require.resolve('@digitalpaye/client/package.json'));
const specFile = require.resolve('@digitalpaye/openapi/openapi.yaml');

export interface Generator {
  id: string;
  label: string;
  /** Regenerates into `outDir` (a fresh temporary folder) and resolves when the process exits. */
  generate(outDir: string): Promise<void>;
}

function binOf(pkg: string, name: string): string {
  const manifest = require.resolve(`${pkg}/package.json`);
  const { bin } = require(manifest) as { bin: string | Record<string, string> };
  const path = typeof bin === 'string' ? bin : bin[name];
  if (!path) throw new Error(`${pkg} has no ${name} executable`);
  return join(dirname(manifest), path);
}

const heyApi: Generator = {
  id: 'client',
  label: '`@digitalpaye/client` (openapi-ts: types, valibot schemas, SDK)',
  async generate(outDir) {
    // The client's own config, with only the output folder moved out of the repository.
    const config = join(outDir, 'openapi-ts.config.ts');
    const base = JSON.stringify(join(clientDir, 'openapi-ts.config.ts'));
    const output = JSON.stringify(join(outDir, 'generated'));
    await writeFile(
      config,
      `import pending from ${base};\nconst config = await pending;\n` +
        `export default { ...config, output: { ...config.output, path: ${output} }, logs: { file: false } };\n`,
    );
    await run(process.execPath, [binOf('@hey-api/openapi-ts', 'openapi-ts'), '-f', config, '-s'], {
      cwd: clientDir,
    });
  },
};

const openapiTypescript: Generator = {
  id: 'openapi-typescript',
  label: '`paths` types for openapi-fetch (openapi-typescript)',
  async generate(outDir) {
    const bin = binOf('openapi-typescript', 'openapi-typescript');
    await run(process.execPath, [bin, specFile, '--output', join(outDir, 'openapi.gen.ts')]);
  },
};

export const generators: readonly Generator[] = [heyApi, openapiTypescript];

export interface CodegenResult {
  id: string;
  label: string;
  /** Wall time of one regeneration, process start to exit, in ms. */
  wallMs: Summary;
  /** Files the last run wrote, to show it really generated something. */
  files: number;
}

export interface CodegenResults {
  runs: number;
  generators: CodegenResult[];
}

async function countFiles(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile() && !entry.name.endsWith('.config.ts')).length;
}

/** Regenerates from the spec into temporary folders, never over the committed files. */
export async function runCodegenBenchmarks(settings: Settings): Promise<CodegenResults> {
  const results: CodegenResult[] = [];
  for (const generator of generators) {
    const times: number[] = [];
    let files = 0;
    for (let round = 0; round < settings.codegenRuns; round++) {
      const outDir = await mkdtemp(join(tmpdir(), `digitalpaye-codegen-${generator.id}-`));
      try {
        const started = performance.now();
        await generator.generate(outDir);
        times.push(performance.now() - started);
        files = await countFiles(outDir);
      } finally {
        await rm(outDir, { recursive: true, force: true });
      }
    }
    results.push({ id: generator.id, label: generator.label, wallMs: summarize(times), files });
  }
  return { runs: settings.codegenRuns, generators: results };
}
