import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type ConsumerProject,
  createConsumerProject,
  currentNode,
  installNode,
  type NodeRuntime,
  type NpmRegistry,
  type PrismServer,
  publishAtVersion,
  startPrism,
  startVerdaccio,
  type VerdaccioServer,
} from '@digitalpaye/testkit';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { consumerTestsDir, publishedPackages } from './workspace.js';

/**
 * Kept between runs, outside the repository: npm's cache and the extra Node.js
 * binaries, so a rerun downloads nothing it already has.
 */
const cacheDir = join(tmpdir(), 'digitalpaye-consumer-cache');

/**
 * Node.js versions the run step is repeated on besides the current one: the
 * newest LTS and the oldest supported, each unless it is the current one.
 */
const otherNodes = ['24', '18.18.0'].filter(
  (spec) => !`${currentNode.version}.`.startsWith(`v${spec}.`),
);

const packed = inject('packed');
const client = packed.find((pkg) => pkg.name === '@digitalpaye/client');
const testVersion = `${client?.version}-consumer.${Date.now()}`;

/** The version this workspace builds with, so consumers use the same compiler and bundler. */
function workspaceVersion(name: string): string {
  const manifest = join(consumerTestsDir, 'node_modules', name, 'package.json');
  return JSON.parse(readFileSync(manifest, 'utf8')).version;
}

const tsc = 'node_modules/typescript/bin/tsc';
const typeScript = {
  typescript: workspaceVersion('typescript'),
  '@types/node': workspaceVersion('@types/node'),
};

interface Plan {
  name: string;
  packages: string[];
  devDependencies: Record<string, string>;
  /** Steps before running, each `[step, node arguments]`. */
  build: [string, string[]][];
  main: string;
}

const plans: Plan[] = [
  {
    name: 'esm-node16',
    packages: ['@digitalpaye/client', '@digitalpaye/openapi'],
    devDependencies: typeScript,
    build: [['type-check and compile', [tsc, '-p', '.']]],
    main: 'dist/main.js',
  },
  {
    name: 'cjs-require',
    packages: ['@digitalpaye/client', '@digitalpaye/openapi'],
    devDependencies: typeScript,
    build: [['type-check', [tsc, '-p', '.']]],
    main: 'main.js',
  },
  {
    name: 'bundler',
    packages: ['@digitalpaye/client'],
    devDependencies: { ...typeScript, esbuild: workspaceVersion('esbuild') },
    build: [
      ['type-check', [tsc, '-p', '.']],
      [
        'bundle',
        [
          'node_modules/esbuild/bin/esbuild',
          'src/main.ts',
          '--bundle',
          '--platform=node',
          '--format=esm',
          '--log-level=warning',
          '--outfile=dist/main.js',
        ],
      ],
    ],
    main: 'dist/main.js',
  },
];

let root: string | undefined;
let verdaccio: VerdaccioServer | undefined;
let prism: PrismServer | undefined;
let registry: NpmRegistry;
const projects = new Map<string, Promise<ConsumerProject>>();
const runtimes = new Map<string, Promise<NodeRuntime>>();
/** Every task started in the background, which `afterAll` waits for before cleaning up. */
const pending: Promise<unknown>[] = [];
const summary: string[] = [];

/** Starts a task now and lets a test await it later; its failure is reported by that test. */
function started<T>(task: Promise<T>): Promise<T> {
  task.catch(() => {});
  pending.push(task);
  return task;
}

function awaited<T>(tasks: Map<string, Promise<T>>, key: string): Promise<T> {
  const task = tasks.get(key);
  if (!task) throw new Error(`${key} was not set up: see the error of the setup hook`);
  return task;
}

function packedPackage(name: string) {
  const pkg = packed.find((candidate) => candidate.name === name);
  if (!pkg) throw new Error(`${name} was not packed`);
  return pkg;
}

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'digitalpaye-consumers-'));
  root = dir;
  const [registryServer, prismServer] = await Promise.all([
    started(startVerdaccio({ dir: join(dir, 'registry') })).then((server) => (verdaccio = server)),
    started(startPrism()).then((server) => (prism = server)),
  ]);
  registry = { url: registryServer.url, npmrc: registryServer.npmrc, cache: join(cacheDir, 'npm') };

  const inOrder = publishedPackages.map(({ name }) => packedPackage(name));
  await publishAtVersion(inOrder, testVersion, registry, join(dir, 'stage'));
  const names = inOrder.map((pkg) => pkg.name).join(', ');
  console.log(`published ${names} at ${testVersion} to the local registry ${registry.url}`);
  console.log(`Prism mock of spec/openapi.yaml at ${prismServer.url}`);

  for (const plan of plans) {
    const project = createConsumerProject({
      name: plan.name,
      template: join(consumerTestsDir, 'consumers', plan.name),
      root: dir,
      registry,
      install: plan.packages.map((name) => `${name}@${testVersion}`),
      devDependencies: plan.devDependencies,
    });
    projects.set(plan.name, started(project));
  }
  for (const spec of otherNodes) {
    runtimes.set(spec, started(installNode(spec, join(cacheDir, 'node'), registry)));
  }
});

afterAll(async () => {
  await Promise.allSettled(pending);
  await Promise.allSettled([prism?.stop(), verdaccio?.stop()]);
  if (root) await rm(root, { recursive: true, force: true });
  if (summary.length > 0) console.log(`consumer projects:\n${summary.join('\n')}`);
});

describe.each(plans)('the $name project', (plan) => {
  it('installs the packages at the test version, from the local registry only', async () => {
    const project = await awaited(projects, plan.name);
    const lock = JSON.parse(await readFile(join(project.dir, 'package-lock.json'), 'utf8'));
    const elsewhere = Object.entries(lock.packages as Record<string, { resolved?: string }>)
      .filter(([path, entry]) => path !== '' && !entry.resolved?.startsWith(registry.url))
      .map(([path, entry]) => `${path} from ${entry.resolved}`);

    expect(elsewhere).toEqual([]);
    for (const name of plan.packages) expect(project.installed).toContain(`${name}@${testVersion}`);
    summary.push(`${plan.name}: installed ${project.installed.join(', ')}`);
  });

  it(`passes its build steps (${plan.build.map(([step]) => step).join(', ')})`, async () => {
    const project = await awaited(projects, plan.name);
    for (const [step, args] of plan.build) {
      await project.run(step, args);
      summary.push(`${plan.name}: Node ${currentNode.version} ${step}: node ${args.join(' ')}`);
    }
  });

  it.each([currentNode.version, ...otherNodes])(
    'creates a customer against Prism on Node %s',
    async (node) => {
      const project = await awaited(projects, plan.name);
      const runtime = node === currentNode.version ? currentNode : await awaited(runtimes, node);
      const wanted = `v${node.replace(/^v/, '')}`;
      const isWanted = `${runtime.version}.`.startsWith(`${wanted}.`);
      expect(isWanted, `${runtime.version} is not Node ${wanted}`).toBe(true);

      const stdout = await project.run('run', [plan.main], {
        runtime,
        env: { CONSUMER_BASE_URL: prism?.url ?? '' },
      });
      const customer = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');

      expect(customer.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(new Date(customer.createdAt).toISOString()).toBe(customer.createdAt);
      summary.push(
        `${plan.name}: Node ${runtime.version} run: node ${plan.main} -> customer ${customer.id}`,
      );
    },
  );
});
