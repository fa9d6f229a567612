import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tail } from './command.js';
import { type NpmRegistry, runNpm } from './npm.js';
import type { PackedPackage } from './pack.js';

const dependencyFields = ['dependencies', 'peerDependencies', 'optionalDependencies'] as const;

/**
 * Publishes packed packages to `registry` at `version` instead of their own,
 * with their dependencies on one another moved to that version too, so an
 * install can only be satisfied by this registry. Packages are published in
 * the order given: list dependencies first.
 */
export async function publishAtVersion(
  packages: PackedPackage[],
  version: string,
  registry: NpmRegistry,
  stageDir: string,
): Promise<void> {
  const names = new Set(packages.map((pkg) => pkg.name));

  for (const pkg of packages) {
    const dir = join(stageDir, pkg.name.replace('/', '__'));
    await cp(pkg.dir, dir, { recursive: true });

    const manifestPath = join(dir, 'package.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
    manifest.version = version;
    for (const field of dependencyFields) {
      for (const name of Object.keys(manifest[field] ?? {})) {
        if (names.has(name)) manifest[field][name] = version;
      }
    }
    await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);

    const published = await runNpm(
      ['publish', dir, '--tag', 'consumer-test', '--ignore-scripts'],
      stageDir,
      registry,
    );
    if (published.code !== 0) {
      throw new Error(
        `npm publish of ${pkg.name}@${version} failed:\n${tail(published.stderr || published.stdout)}`,
      );
    }
  }
}
