import { access, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCommand, tail } from './command.js';
import { type NpmRegistry, runNpm } from './npm.js';

/** A Node.js binary to run consumer code with. */
export interface NodeRuntime {
  /** Path of the `node` executable. */
  bin: string;
  /** As printed by `node --version`, e.g. `v24.1.0`. */
  version: string;
}

/** The Node.js running this process. */
export const currentNode: NodeRuntime = { bin: process.execPath, version: process.version };

async function versionOf(bin: string): Promise<string | undefined> {
  try {
    await access(bin);
  } catch {
    return undefined;
  }
  const result = await runCommand(bin, ['--version'], { cwd: process.cwd() });
  return result.code === 0 ? result.stdout.trim() : undefined;
}

/**
 * A Node.js binary of version `spec` (e.g. `24` or `18.18.0`) from the `node`
 * package on `registry`, kept in `cacheDir` so later runs skip the download.
 */
export async function installNode(
  spec: string,
  cacheDir: string,
  registry: NpmRegistry,
): Promise<NodeRuntime> {
  const home = join(cacheDir, `node-${spec}`);
  const bin = join(home, 'node_modules', '.bin', 'node');
  const cached = await versionOf(bin);
  if (cached) return { bin, version: cached };
  await rm(home, { recursive: true, force: true });

  // Install beside the cache entry, then move it in, so an interrupted run leaves no half entry.
  const staging = `${home}.${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  await writeFile(join(staging, 'package.json'), '{ "private": true }\n');
  // The `node` package fetches its platform binary in an install script, so scripts stay on here.
  const installed = await runNpm(['install', '--no-save', `node@${spec}`], staging, registry);
  if (installed.code !== 0) {
    await rm(staging, { recursive: true, force: true });
    throw new Error(`npm install node@${spec} failed:\n${tail(installed.stderr)}`);
  }
  // A run going on at the same time may have filled the entry first; then its copy is used.
  await rename(staging, home).catch(() => rm(staging, { recursive: true, force: true }));

  const version = await versionOf(bin);
  if (!version) throw new Error(`node@${spec} installed but ${bin} does not run`);
  return { bin, version };
}
