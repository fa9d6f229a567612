import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const read = (path: string) => readFileSync(`${root}${path}`, 'utf8');

const rootScripts = new Set(Object.keys(JSON.parse(read('package.json')).scripts));
// pnpm's own commands, as opposed to the package scripts this test follows.
const PNPM_COMMANDS = new Set(['install', 'i', 'add', 'exec', 'dlx', 'store', 'config', 'pack']);
const FLAGS_WITH_VALUE = new Set(['--filter', '-F', '--dir', '-C']);

/** The first word after `pnpm` (and `run`) in each pnpm call of a shell text. */
function pnpmCalls(shell: string): string[] {
  const calls: string[] = [];
  const code = shell
    .split('\n')
    .filter((line) => !line.trim().startsWith('#'))
    .join('\n');

  for (const match of code.matchAll(/(?:^|[\s;&|(])pnpm((?:[ \t]+[^\s;&|)]+)+)/g)) {
    const words = (match[1] ?? '').trim().split(/[ \t]+/);
    let index = 0;
    while (words[index]?.startsWith('-')) index += FLAGS_WITH_VALUE.has(words[index] ?? '') ? 2 : 1;
    if (words[index] === 'run') index++;
    if (words[index]) calls.push(words[index] as string);
  }
  return calls;
}

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface Workflow {
  on: unknown;
  permissions?: Record<string, string>;
  env?: Record<string, unknown>;
  jobs: Record<string, { steps: Step[]; strategy?: { matrix?: { node?: number[] } } }>;
}

function workflow(name: string): Workflow {
  return parse(read(`.github/workflows/${name}`)) as Workflow;
}

function steps(flow: Workflow): Step[] {
  return Object.values(flow.jobs).flatMap((job) => job.steps);
}

/** Package scripts a workflow calls, from `run:` steps and actions' `with:` commands. */
function workflowScripts(flow: Workflow): string[] {
  const shell = steps(flow)
    .flatMap((step) => [step.run, ...Object.values(step.with ?? {})])
    .filter((text): text is string => typeof text === 'string')
    .join('\n');
  return pnpmCalls(shell).filter((word) => !PNPM_COMMANDS.has(word));
}

const ciRun = read('.ci/run');
const ciRunScripts = pnpmCalls(ciRun).filter((word) => rootScripts.has(word));

/** `export A=1 B=two` lines of .ci/run, as the environment a workflow must also set. */
function ciRunEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of ciRun.split('\n').filter((text) => text.startsWith('export '))) {
    for (const [, name, value] of line.matchAll(/(\w+)=(\S+)/g))
      env[name as string] = value as string;
  }
  return env;
}

describe('pnpmCalls', () => {
  it('finds scripts after flags and `run`, and skips comments', () => {
    const shell =
      '# pnpm lint\npnpm test || status=1\npnpm --silent run test:consumer && pnpm -F x run y';

    expect(pnpmCalls(shell)).toEqual(['test', 'test:consumer', 'y']);
  });
});

describe('.ci/run', () => {
  it('calls at least one package script, each defined in package.json', () => {
    expect(ciRunScripts).toContain('test');
  });
});

describe.each(['ci.yml', 'release.yml'])('.github/workflows/%s', (name) => {
  const flow = workflow(name);

  it('parses, with jobs that have steps', () => {
    expect(flow.on).toBeDefined();
    expect(steps(flow).length).toBeGreaterThan(0);
  });

  it('installs with pnpm from the lockfile, with the pnpm store cached', () => {
    const setupNode = steps(flow).find((step) => step.uses?.startsWith('actions/setup-node@'));

    expect(steps(flow).some((step) => step.uses?.startsWith('pnpm/action-setup@'))).toBe(true);
    expect(setupNode?.with?.cache).toBe('pnpm');
    expect(steps(flow).map((step) => step.run)).toContain('pnpm install --frozen-lockfile');
  });

  it('calls only package scripts that exist', () => {
    for (const script of workflowScripts(flow)) {
      expect(rootScripts, `pnpm ${script} is not a script in package.json`).toContain(script);
    }
  });

  it('runs every package script that .ci/run runs', () => {
    for (const script of ciRunScripts) {
      expect(workflowScripts(flow), `.ci/run calls pnpm ${script}`).toContain(script);
    }
  });

  it('sets the environment .ci/run exports', () => {
    const env = Object.fromEntries(
      Object.entries(flow.env ?? {}).map(([key, value]) => [key, String(value)]),
    );

    expect(env).toMatchObject(ciRunEnv());
  });
});

describe('.github/workflows/ci.yml', () => {
  const flow = workflow('ci.yml');

  it('runs exactly the package scripts .ci/run runs, so neither drifts silently', () => {
    expect([...new Set(workflowScripts(flow))].sort()).toEqual([...new Set(ciRunScripts)].sort());
  });

  it('fails, as .ci/run does, when regenerating changes committed files', () => {
    const check = /git status --porcelain -- [^)"\n]+/.exec(ciRun)?.[0];
    const shell = steps(flow)
      .map((step) => step.run ?? '')
      .join('\n');

    expect(check).toBeDefined();
    expect(shell).toContain(check);
  });

  it('tests on Node 20 and Node 24', () => {
    expect(flow.jobs.test?.strategy?.matrix?.node).toEqual([20, 24]);
  });
});

describe('.github/workflows/release.yml', () => {
  const release = steps(workflow('release.yml')).find((step) =>
    step.uses?.startsWith('changesets/action@'),
  );

  it('lets changesets open the version pull request and publish', () => {
    expect(release?.with).toMatchObject({
      version: 'pnpm version-packages',
      publish: 'pnpm release',
    });
    expect(read('package.json')).toContain('"release": "');
  });

  it('publishes with npm provenance, which needs an OIDC token', () => {
    expect(release?.env).toMatchObject({ NPM_CONFIG_PROVENANCE: true });
    expect(workflow('release.yml').permissions).toMatchObject({ 'id-token': 'write' });
  });
});
