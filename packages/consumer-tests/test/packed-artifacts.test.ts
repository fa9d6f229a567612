import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type PackedPackage, runCommand, tail } from '@digitalpaye/testkit';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { bin, publishedPackages, workspaceRoot } from './workspace.js';

const packed = inject('packed');
const sourceDirOf = (pkg: PackedPackage) =>
  publishedPackages.find((published) => published.name === pkg.name)?.dir ?? workspaceRoot;

/** What a user needs: built code and declarations, the manifest, docs, and the spec file. */
const allowedFiles =
  /^(dist\/.+\.(c?js|d\.c?ts|js\.map)|package\.json|README\.md|LICENSE|CHANGELOG\.md|openapi\.yaml)$/;

/** A tarball above this size has picked up something it should not ship. */
const maxPackedBytes = 100_000;

const secretPatterns: [string, RegExp][] = [
  ['a private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ['an npm token', /\bnpm_[A-Za-z0-9]{36}\b/],
  ['a registry auth setting', /_authToken\s*=|_password\s*=/],
  ['a DigitalPaye live API key', /\blive_[A-Za-z0-9]{12,}\b/],
  ['a Basic credential', /Basic [A-Za-z0-9+/]{16,}={0,2}/],
  ['a JSON Web Token', /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}/],
];

/** Values of this machine's secret-looking environment variables, which must never be packed. */
const environmentSecrets = Object.entries(process.env)
  .filter(
    ([name, value]) => /TOKEN|SECRET|PASSWORD|API_KEY/i.test(name) && (value?.length ?? 0) >= 8,
  )
  .map(([name, value]) => [name, value as string] as const);

/** String values under `example`/`examples` keys of the spec: fictitious data published on purpose. */
async function specExampleStrings(): Promise<Set<string>> {
  const spec = parse(await readFile(join(workspaceRoot, 'spec/openapi.yaml'), 'utf8'));
  const found = new Set<string>();
  const walk = (node: unknown, inExample: boolean) => {
    if (typeof node === 'string' && inExample) found.add(node);
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      walk(value, inExample || key === 'example' || key === 'examples');
    }
  };
  walk(spec, false);
  return found;
}

describe.each(packed.map((pkg) => [pkg.name, pkg] as const))('the packed %s', (_name, pkg) => {
  it('gets no publint message, suggestions included', async () => {
    const bytes = await readFile(pkg.tarball);
    const tarball = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const { messages, pkg: manifest } = await publint({ pack: { tarball }, strict: true });
    const problems = messages.map((message) => formatMessage(message, manifest, { color: false }));
    expect(problems).toEqual([]);
  });

  it('has types that resolve for node10, node16 (ESM and CJS) and bundlers (attw)', async () => {
    // attw reads the package's own .attw.json, so run it from the package folder.
    const result = await runCommand(bin('attw'), [pkg.tarball, '--format', 'ascii'], {
      cwd: sourceDirOf(pkg),
    });
    expect(result.code, tail(result.stdout + result.stderr, 40)).toBe(0);
  });

  it('names real versions instead of workspace: ranges', async () => {
    const manifest = await readFile(join(pkg.dir, 'package.json'), 'utf8');
    expect(manifest).not.toContain('workspace:');
    expect(manifest).not.toContain('catalog:');
  });

  it('ships built code, declarations and docs only: no sources, tests or configs', () => {
    const unexpected = pkg.files
      .map((file) => file.path)
      .filter((path) => !allowedFiles.test(path));
    expect(unexpected).toEqual([]);
    expect(pkg.files.map((file) => file.path)).toEqual(
      expect.arrayContaining([
        'package.json',
        'dist/index.js',
        'dist/index.cjs',
        'dist/index.d.ts',
      ]),
    );
  });

  it(`stays under ${maxPackedBytes / 1000} kB packed`, () => {
    expect(pkg.packedSize).toBeLessThan(maxPackedBytes);
  });

  it('has no source map pointing at a file it does not ship', async () => {
    const missing: string[] = [];

    for (const file of pkg.files) {
      const path = join(pkg.dir, file.path);
      const text = await readFile(path, 'utf8');
      const reference = /\/[/*][#@] sourceMappingURL=(?!data:)(\S+?)(?:\s*\*\/)?\s*$/m.exec(
        text,
      )?.[1];
      if (reference && !existsSync(join(dirname(path), reference))) {
        missing.push(`${file.path} -> ${reference}`);
      }
      if (!file.path.endsWith('.map')) continue;

      const map = JSON.parse(text) as { sources: string[]; sourcesContent?: (string | null)[] };
      map.sources.forEach((source, index) => {
        if (map.sourcesContent?.[index] != null) return;
        if (!existsSync(join(dirname(path), source))) missing.push(`${file.path} -> ${source}`);
      });
    }

    expect(missing).toEqual([]);
  });

  it('contains no credentials, tokens or keys', async () => {
    const examples = await specExampleStrings();
    const found: string[] = [];

    for (const file of pkg.files) {
      if (/(^|\/)(\.env|\.npmrc)|\.(pem|key)$/.test(file.path))
        found.push(`${file.path}: a secrets file`);
      const text = await readFile(join(pkg.dir, file.path), 'utf8');
      for (const [what, pattern] of secretPatterns) {
        const matches = text.match(new RegExp(pattern.source, 'g')) ?? [];
        if (matches.some((match) => !examples.has(match))) found.push(`${file.path}: ${what}`);
      }
      for (const [name, value] of environmentSecrets) {
        if (text.includes(value)) found.push(`${file.path}: the value of $${name}`);
      }
    }

    expect(found).toEqual([]);
  });
});
