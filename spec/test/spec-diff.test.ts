import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { diffSpecs } from '../scripts/diff.js';
import type { RunResult } from '../scripts/run.js';
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

interface PrintedChange {
  text: string;
  breaking: boolean;
  reasons: string[];
}

/** Reads the command's output back: `BREAKING  where: what` or `ok        where: what`, then reasons. */
function printedChanges(stdout: string): PrintedChange[] {
  const changes: PrintedChange[] = [];
  for (const printed of stdout.split('\n')) {
    const change = /^(BREAKING|ok {6}) {2}(.+)$/.exec(printed);
    if (change)
      changes.push({ text: change[2] ?? '', breaking: change[1] === 'BREAKING', reasons: [] });
    else if (/^ {10}\S/.test(printed)) changes.at(-1)?.reasons.push(printed.trim());
  }
  return changes;
}

// One optic run per head keeps the suite fast: the breaking changes share a head, and the
// others share one whose verdict must stay "not breaking". Both go through the command, as
// `pnpm spec:diff` runs it.
const groups = [true, false].map((breaking) => ({
  breaking,
  pairs: pairs.filter((pair) => pair.breaking === breaking),
}));

describe('spec:diff', () => {
  let dir: string;
  const headOf = (breaking: boolean) => join(dir, `${breaking ? 'breaking' : 'compatible'}.yaml`);
  const runs = new Map<boolean, RunResult>();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dp-diff-'));
    for (const group of groups) {
      const doc = structuredClone(base);
      for (const pair of group.pairs) pair.mutate(doc);
      writeFileSync(headOf(group.breaking), stringify(doc));
    }
    const results = await Promise.all(
      groups.map((group) => runTsx('scripts/diff.ts', [diffBase, headOf(group.breaking)])),
    );
    for (const [index, group] of groups.entries()) {
      runs.set(group.breaking, results[index] as RunResult);
    }
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe.each(
    groups.map((group) => [group.breaking ? 'breaking' : 'not breaking', group] as const),
  )('classifies as %s', (verdict, group) => {
    it.each(group.pairs.map((pair) => [pair.change, pair] as const))('%s', (_change, pair) => {
      const changes = printedChanges(runs.get(group.breaking)?.stdout ?? '');
      const described = changes.find((c) => pair.says.test(c.text));

      expect(changes.map((c) => c.text)).toContainEqual(expect.stringMatching(pair.says));
      expect(described?.breaking).toBe(pair.breaking);
      if (pair.breaking) expect(described?.reasons.join(' ')).toMatch(/breaking change/);
    });

    it(`prints the verdict ${verdict} and exits ${group.breaking ? 1 : 0}`, () => {
      const run = runs.get(group.breaking);
      expect(run?.stdout).toContain(`Verdict: ${verdict}.`);
      expect(run?.code).toBe(group.breaking ? 1 : 0);
    });
  });

  it('reports no change between a spec and itself', async () => {
    const diff = await diffSpecs(diffBase, diffBase);
    expect(diff).toMatchObject({ changes: [], breaking: false });
  });

  it('refuses an unknown file with a clear message', async () => {
    const run = await runTsx('scripts/diff.ts', ['missing.yaml']);
    expect(run.stderr).toMatch(/spec:diff: no such file .*missing\.yaml/);
    expect(run.code).toBe(2);
  });
});
