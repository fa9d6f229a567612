import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { type Program, programs } from './programs.js';

const require = createRequire(import.meta.url);
const benchDir = fileURLToPath(new URL('../..', import.meta.url));
const clientDir = dirname(require.resolve('@digitalpaye/client/package.json'));

export interface BundleSize {
  id: string;
  label: string;
  /** Minified bytes. */
  raw: number;
  /** Minified, then gzip level 9. */
  gzip: number;
}

export interface BundlePart {
  part: string;
  /** Minified bytes this part contributes, before gzip. */
  bytes: number;
}

export interface BundleResults {
  sizes: BundleSize[];
  /** Where the client class's bundle comes from, built from the client's sources. */
  clientParts: BundlePart[];
}

interface Bundled {
  code: Uint8Array;
  metafile: Metafile;
}

async function bundle(source: string, alias: Record<string, string> = {}): Promise<Bundled> {
  const result = await build({
    stdin: { contents: source, resolveDir: benchDir, sourcefile: 'program.js', loader: 'js' },
    absWorkingDir: benchDir,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
    alias,
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild produced no output');
  return { code: output.contents, metafile: result.metafile };
}

/** Bundles one program with the published build of each package and measures it. */
export async function measureProgram(program: Program): Promise<BundleSize> {
  const { code } = await bundle(program.source);
  return {
    id: program.id,
    label: program.label,
    raw: code.byteLength,
    gzip: gzipSync(code, { level: 9 }).byteLength,
  };
}

function partOf(input: string): string {
  const path = join(benchDir, input);
  const packageMatch =
    /node_modules[\\/](?:\.pnpm[\\/][^\\/]+[\\/]node_modules[\\/])?((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(
      input,
    );
  if (packageMatch?.[1]) return `\`${packageMatch[1].split(sep).join('/')}\` (dependency)`;

  const inClient = relative(join(clientDir, 'src'), path);
  if (inClient.startsWith('..')) return 'the one-line program';
  if (inClient.endsWith('valibot.gen.ts')) return 'generated valibot schemas';
  if (inClient.startsWith(`generated${sep}`)) return 'generated HTTP client and `createCustomer`';
  return `hand-written \`${inClient.split(sep).join('/')}\``;
}

/** Splits the client class's bundle by where each byte comes from, largest first. */
export async function clientBreakdown(): Promise<BundlePart[]> {
  const program = programs.find((p) => p.id === 'client');
  if (!program) throw new Error('no client program');

  const alias = { '@digitalpaye/client': join(clientDir, 'src', 'index.ts') };
  const { metafile } = await bundle(program.source, alias);
  const output = Object.values(metafile.outputs)[0];
  const parts = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    const part = partOf(input);
    parts.set(part, (parts.get(part) ?? 0) + bytesInOutput);
  }
  return [...parts]
    .filter(([, bytes]) => bytes > 0)
    .map(([part, bytes]) => ({ part, bytes }))
    .sort((a, b) => b.bytes - a.bytes);
}

export async function runBundleBenchmarks(): Promise<BundleResults> {
  const sizes: BundleSize[] = [];
  for (const program of programs) sizes.push(await measureProgram(program));
  return { sizes, clientParts: await clientBreakdown() };
}
