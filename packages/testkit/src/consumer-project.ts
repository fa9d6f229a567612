import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isolatedEnv, runCommand, tail } from './command.js';
import { currentNode, type NodeRuntime } from './node-runtime.js';
import { type NpmRegistry, runNpm } from './npm.js';

export interface ConsumerProjectOptions {
  /** Names the project in output and errors, e.g. `esm-node16`. */
  name: string;
  /** Folder copied as the project: its `package.json`, config and sources. */
  template: string;
  /** Parent folder, outside any workspace; the project lands in `<root>/<name>`. */
  root: string;
  registry: NpmRegistry;
  /** Package specs passed to `npm install`, e.g. `@digitalpaye/client@1.2.3`. */
  install: string[];
  /** Added to the template's `devDependencies` before installing, e.g. `{ typescript: '5.9.3' }`. */
  devDependencies?: Record<string, string>;
}

/** A fresh project with packages installed from a registry, and a way to run its steps. */
export interface ConsumerProject {
  name: string;
  dir: string;
  /** Every package npm installed, as `name@version`, from its lockfile. */
  installed: string[];
  /**
   * Runs `node <args>` in the project with `runtime` and returns its stdout.
   * A failure throws a `ConsumerStepError` naming the project, Node version and step.
   */
  run(step: string, args: string[], options?: RunOptions): Promise<string>;
}

export interface RunOptions {
  /** @default the Node.js running this process */
  runtime?: NodeRuntime;
  /** Extra environment variables for the step. */
  env?: Record<string, string>;
}

/** A consumer project's step failed; the message names project, Node version and step. */
export class ConsumerStepError extends Error {
  override name = 'ConsumerStepError';

  constructor(
    readonly project: string,
    readonly nodeVersion: string,
    readonly step: string,
    detail: string,
  ) {
    super(`${project} on Node ${nodeVersion}, step "${step}" failed: ${detail}`);
  }
}

/** Points at the likely cause when npm could not get a package the registry proxies. */
function hint(stderr: string): string {
  if (!/E404|ETIMEDOUT|ECONNRESET|EAI_AGAIN|E5\d\d/.test(stderr)) return '';
  return (
    ' (if the missing package is not one published by the test, the local registry could not ' +
    'fetch it from its uplink: check the network, NODE_EXTRA_CA_CERTS or HTTPS_PROXY)'
  );
}

/** `name@version` of every package in the project's `node_modules`, from npm's hidden lockfile. */
async function installedPackages(dir: string): Promise<string[]> {
  const lockPath = join(dir, 'node_modules', '.package-lock.json');
  const lock: { packages: Record<string, { version?: string }> } = JSON.parse(
    await readFile(lockPath, 'utf8'),
  );
  const marker = 'node_modules/';
  return Object.entries(lock.packages)
    .filter(([path]) => path.startsWith(marker))
    .map(
      ([path, { version }]) => `${path.slice(path.lastIndexOf(marker) + marker.length)}@${version}`,
    )
    .sort();
}

/**
 * Copies `template` to `<root>/<name>`, adds `devDependencies`, and runs
 * `npm install <install...>` against `registry` only.
 */
export async function createConsumerProject(
  options: ConsumerProjectOptions,
): Promise<ConsumerProject> {
  const { name } = options;
  const dir = join(options.root, name);
  await cp(options.template, dir, { recursive: true });

  const manifestPath = join(dir, 'package.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
  manifest.devDependencies = { ...manifest.devDependencies, ...options.devDependencies };
  await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);

  const install = await runNpm(
    ['install', '--save-exact', '--ignore-scripts', ...options.install],
    dir,
    options.registry,
  );
  if (install.code !== 0) {
    const detail = `npm install ${options.install.join(' ')} exited ${install.code}`;
    throw new ConsumerStepError(
      name,
      currentNode.version,
      'install',
      `${detail}${hint(install.stderr)}\n${tail(install.stderr)}`,
    );
  }

  const run = async (step: string, args: string[], runOptions: RunOptions = {}) => {
    const runtime = runOptions.runtime ?? currentNode;
    const result = await runCommand(runtime.bin, args, {
      cwd: dir,
      env: isolatedEnv(runOptions.env),
    });
    if (result.code !== 0) {
      const detail = `node ${args.join(' ')} exited ${result.code}`;
      const output = tail(`${result.stdout}\n${result.stderr}`);
      throw new ConsumerStepError(name, runtime.version, step, `${detail}\n${output}`);
    }
    return result.stdout;
  };

  return { name, dir, installed: await installedPackages(dir), run };
}
