import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { diffSpecs, type SpecDiff } from '../scripts/diff.js';
import { type Json, loadSpec } from './load-spec.js';
import { runTsx } from './run-script.js';

export const diffBase = fileURLToPath(new URL('fixtures/diff/base.yaml', import.meta.url));
const base = loadSpec(diffBase);

interface Pair {
  change: string;
  breaking: boolean;
  /** The plain words the change must be printed with. */
  says: RegExp;
  mutate: (doc: Json) => void;
}

// Each pair is the base fixture and a head with one change.
const pairs: Pair[] = [
  {
    change: 'a removed response property',
    breaking: true,
    says: /response 200 \(application\/json\), property colour: removed/,
    mutate: (doc) => {
      const widget = doc.components.schemas.Widget;
      delete widget.properties.colour;
      widget.required = ['id', 'name'];
    },
  },
  {
    change: 'a new required request property',
    breaking: true,
    says: /request body \(application\/json\), property size: added, now required/,
    mutate: (doc) => {
      const request = doc.components.schemas.CreateWidgetRequest;
      request.properties.size = { type: 'integer' };
      request.required.push('size');
    },
  },
  {
    change: 'a narrowed enum',
    breaking: true,
    says: /property colour: enum value "green" removed/,
    mutate: (doc) => {
      doc.components.schemas.Colour.enum = ['blue', 'red'];
    },
  },
  {
    change: 'a removed operation',
    breaking: true,
    says: /^GET \/v1\/widget\/\{id\}: removed$/,
    mutate: (doc) => delete doc.paths['/v1/widget/{id}'],
  },
  {
    change: 'a new security requirement on an existing operation',
    breaking: true,
    says: /^POST \/v1\/widget: security added$/,
    mutate: (doc) => {
      doc.components.securitySchemes = { bearerAuth: { type: 'http', scheme: 'bearer' } };
      doc.paths['/v1/widget'].post.security = [{ bearerAuth: [] }];
    },
  },
  {
    change: 'a new optional request property',
    breaking: false,
    says: /request body \(application\/json\), property note: added$/,
    mutate: (doc) => {
      doc.components.schemas.CreateWidgetRequest.properties.note = { type: 'string' };
    },
  },
  {
    change: 'a new response property',
    breaking: false,
    says: /response 200 \(application\/json\), property createdAt: added/,
    mutate: (doc) => {
      doc.components.schemas.Widget.properties.createdAt = { type: 'string' };
    },
  },
  {
    change: 'a new operation',
    breaking: false,
    says: /^DELETE \/v1\/widget\/\{id\}: added$/,
    mutate: (doc) => {
      doc.paths['/v1/widget/{id}'].delete = {
        operationId: 'deleteWidget',
        summary: 'Delete a widget',
        responses: { '204': { description: 'Deleted.' } },
      };
    },
  },
];

const line = (c: SpecDiff['changes'][number]) => `${c.where}: ${c.what}`;

// One optic run per head keeps the suite fast: the breaking changes share a head, and the
// others share one whose verdict must stay "not breaking".
const groups = [true, false].map((breaking) => ({
  breaking,
  pairs: pairs.filter((pair) => pair.breaking === breaking),
}));

describe('spec:diff', () => {
  let dir: string;
  const headOf = (breaking: boolean) => join(dir, `${breaking ? 'breaking' : 'compatible'}.yaml`);
  const diffs = new Map<boolean, SpecDiff>();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dp-diff-'));
    for (const group of groups) {
      const doc = structuredClone(base);
      for (const pair of group.pairs) pair.mutate(doc);
      writeFileSync(headOf(group.breaking), stringify(doc));
    }
    for (const group of groups)
      diffs.set(group.breaking, await diffSpecs(diffBase, headOf(group.breaking)));
  }, 60_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe.each(
    groups.map((group) => [group.breaking ? 'breaking' : 'not breaking', group] as const),
  )('classifies as %s', (_verdict, group) => {
    it.each(group.pairs.map((pair) => [pair.change, pair] as const))('%s', (_change, pair) => {
      const changes = diffs.get(group.breaking)?.changes ?? [];
      const described = changes.find((c) => pair.says.test(line(c)));

      expect(changes.map(line)).toContainEqual(expect.stringMatching(pair.says));
      expect(described?.breaking).toBe(pair.breaking);
      if (pair.breaking) expect(described?.reasons.join(' ')).toMatch(/breaking change/);
    });

    it(`gives the verdict ${group.breaking ? 'breaking' : 'not breaking'}`, () => {
      expect(diffs.get(group.breaking)?.breaking).toBe(group.breaking);
    });
  });

  it('reports no change between a spec and itself', async () => {
    const diff = await diffSpecs(diffBase, diffBase);
    expect(diff).toMatchObject({ changes: [], breaking: false });
  });

  describe('as a command', () => {
    it('prints each change classified and exits 1 when one is breaking', async () => {
      const run = await runTsx('scripts/diff.ts', [diffBase, headOf(true)]);
      expect(run.stdout).toMatch(/^BREAKING {2}GET \/v1\/widget\/\{id\}: removed$/m);
      expect(run.stdout).toMatch(
        /^ {10}cannot remove an operation\. This is a breaking change\.$/m,
      );
      expect(run.stdout).toContain('Verdict: breaking.');
      expect(run.code).toBe(1);
    });

    it('exits 0 when nothing is breaking', async () => {
      const run = await runTsx('scripts/diff.ts', [diffBase, headOf(false)]);
      expect(run.stdout).toMatch(/^ok {8}DELETE \/v1\/widget\/\{id\}: added$/m);
      expect(run.stdout).toContain('Verdict: not breaking.');
      expect(run.code).toBe(0);
    });

    it('refuses an unknown file with a clear message', async () => {
      const run = await runTsx('scripts/diff.ts', ['missing.yaml']);
      expect(run.stderr).toMatch(/spec:diff: no such file .*missing\.yaml/);
      expect(run.code).toBe(2);
    });
  });
});
