import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type PackedPackage, packWorkspacePackage } from '@digitalpaye/testkit';
import type { TestProject } from 'vitest/node';
import { kilobytes, publishedPackages } from './test/workspace.js';

/**
 * Packs each published package once with `pnpm pack`, as `pnpm publish` would
 * upload it, so the artifact checks and the install test look at the same
 * tarballs. They live in a temporary folder removed at the end.
 */
export default async function setup(project: TestProject) {
  const dir = await mkdtemp(join(tmpdir(), 'digitalpaye-packed-'));

  try {
    const packed = await Promise.all(
      publishedPackages.map((pkg) => packWorkspacePackage(pkg.dir, dir)),
    );
    for (const pkg of packed) {
      const unpacked = pkg.files.reduce((sum, file) => sum + file.size, 0);
      console.log(
        `packed ${pkg.name}@${pkg.version}: ${kilobytes(pkg.packedSize)} tarball, ` +
          `${kilobytes(unpacked)} unpacked, ${pkg.files.length} files`,
      );
    }
    project.provide('packed', packed);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }

  return () => rm(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    packed: PackedPackage[];
  }
}
