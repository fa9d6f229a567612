import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import { runCommand, tail } from './command.js';

export interface PackedFile {
  /** Path inside the package, e.g. `dist/index.js`. */
  path: string;
  size: number;
}

/** A package packed by `pnpm pack` the way `pnpm publish` would upload it, and unpacked beside. */
export interface PackedPackage {
  name: string;
  version: string;
  /** The `.tgz` file. */
  tarball: string;
  /** Size of the `.tgz` in bytes. */
  packedSize: number;
  /** The unpacked contents (the folder holding `package.json`). */
  dir: string;
  files: PackedFile[];
  /** The packed `package.json`, with `workspace:` ranges already rewritten by pnpm. */
  manifest: Record<string, unknown> & { name: string; version: string };
}

async function listFiles(root: string, dir = root): Promise<PackedFile[]> {
  const files: PackedFile[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(root, path)));
    else files.push({ path: relative(root, path), size: (await stat(path)).size });
  }
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * Packs the workspace package in `packageDir` with `pnpm pack` into
 * `destination`, then unpacks the tarball next to it for inspection.
 */
export async function packWorkspacePackage(
  packageDir: string,
  destinationDir: string,
): Promise<PackedPackage> {
  const destination = resolve(destinationDir);
  await mkdir(destination, { recursive: true });
  const packed = await runCommand('pnpm', ['pack', '--json', '--pack-destination', destination], {
    cwd: packageDir,
  });
  if (packed.code !== 0) {
    throw new Error(`pnpm pack failed in ${packageDir}:\n${tail(packed.stderr || packed.stdout)}`);
  }
  // pnpm prints the tarball's path as given by --pack-destination.
  const tarball = (JSON.parse(packed.stdout) as { filename: string }).filename;

  const dir = join(destination, basename(tarball, '.tgz'));
  await mkdir(dir, { recursive: true });
  const untar = await runCommand('tar', ['-xzf', tarball, '-C', dir], { cwd: destination });
  if (untar.code !== 0) throw new Error(`tar could not unpack ${tarball}:\n${untar.stderr}`);

  const root = join(dir, 'package');
  const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
  return {
    name: manifest.name,
    version: manifest.version,
    tarball,
    packedSize: (await stat(tarball)).size,
    dir: root,
    files: await listFiles(root),
    manifest,
  };
}
