import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { programs } from '../src/bundle/programs.js';
import { peers } from '../src/calls/peers.js';
import { generators } from '../src/codegen/run.js';
import type { BenchResults } from '../src/results.js';
import { startupTargets } from '../src/startup/run.js';

const run = promisify(execFile);
const benchDir = fileURLToPath(new URL('..', import.meta.url));

let dir: string;
let json: string;
let results: BenchResults;
let report: string;

// The same command as `pnpm bench --quick`, run once for every check below.
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'digitalpaye-bench-'));
  json = join(dir, 'results.json');
  const { stdout } = await run('pnpm', ['run', '--silent', 'bench', '--quick', '--json', json], {
    cwd: benchDir,
  });
  report = stdout;
  results = JSON.parse(await readFile(json, 'utf8')) as BenchResults;
}, 120_000);

afterAll(() => rm(dir, { recursive: true, force: true }));

const ids = (items: readonly { id: string }[]) => items.map((item) => item.id).sort();

describe('pnpm bench --quick', () => {
  it('measures every peer in every per-call mode, or says why it could not', () => {
    const unavailable = results.calls.unavailable.map((u) => u.id);
    const expected = ids(peers.filter((p) => !unavailable.includes(p.id)));

    expect(results.calls.tables.map((t) => t.mode)).toEqual([
      'sequential',
      'concurrent',
      'in-process',
    ]);
    for (const table of results.calls.tables) {
      expect(ids(table.peers)).toEqual(expected);
      for (const peer of table.peers) expect(peer.cpuUs.median).toBeGreaterThan(0);
    }
  });

  it('times the input and reply schema checks on their own', () => {
    expect(results.calls.checksUs.input.median).toBeGreaterThan(0);
    expect(results.calls.checksUs.response.median).toBeGreaterThan(0);
  });

  it('reports each peer against raw fetch, which is 1x of itself', () => {
    const baseline = results.calls.tables[0]?.peers.find((p) => p.id === 'raw-fetch');

    expect(baseline?.cpuRatio).toEqual({ median: 1, min: 1, max: 1 });
  });

  it('bundles every program and splits the client bundle by dependency', () => {
    expect(ids(results.bundles.sizes)).toEqual(ids(programs));
    expect(results.bundles.clientParts.map((p) => p.part)).toContain('`valibot` (dependency)');
  });

  it('starts every package in a fresh process and regenerates with every generator', () => {
    expect(ids(results.startup.targets)).toEqual(ids(startupTargets));
    expect(ids(results.codegen.generators)).toEqual(ids(generators));
    for (const generator of results.codegen.generators) expect(generator.files).toBeGreaterThan(0);
  });

  it('renders the same report again from the saved results with --from', async () => {
    const { stdout } = await run('pnpm', ['run', '--silent', 'bench', '--from', json], {
      cwd: benchDir,
    });

    expect(stdout).toBe(report);
  });

  it('prints the report instead of overwriting BENCHMARKS.md', () => {
    expect(report).toMatch(/^# Benchmarks/);
    expect(report).toContain(`${results.machine.cores} cores`);
    expect(report).toContain(results.machine.node);
  });
});
