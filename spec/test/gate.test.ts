import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { type PendingChangeset, readChangesets } from '../scripts/changesets.js';
import type { SpecDiff } from '../scripts/diff.js';
import { gateVerdict } from '../scripts/gate.js';
import { loadSpec } from './load-spec.js';
import { runTsx } from './run-script.js';

const diffBase = fileURLToPath(new URL('fixtures/diff/base.yaml', import.meta.url));

const diffOf = (breaking: boolean): SpecDiff => ({
  base: 'base.yaml',
  head: 'head.yaml',
  breaking,
  changes: [{ where: 'GET /v1/widget/{id}', what: 'removed', breaking, reasons: [] }],
});

const changeset = (file: string, bumps: PendingChangeset['bumps']): PendingChangeset => ({
  file,
  bumps,
  summary: 'Something changed.',
});

const majorBoth = changeset('major.md', {
  '@digitalpaye/openapi': 'major',
  '@digitalpaye/client': 'major',
});

describe('the release gate', () => {
  describe('gateVerdict', () => {
    it('passes a change that breaks nothing, without any changeset', () => {
      expect(gateVerdict(diffOf(false), []).pass).toBe(true);
    });

    it('fails a breaking change without any changeset, naming both packages', () => {
      const verdict = gateVerdict(diffOf(true), []);
      expect(verdict.pass).toBe(false);
      expect(verdict.message).toContain('@digitalpaye/openapi and @digitalpaye/client');
    });

    it('fails a breaking change declared major for the spec package only', () => {
      const verdict = gateVerdict(diffOf(true), [
        changeset('spec.md', { '@digitalpaye/openapi': 'major' }),
      ]);
      expect(verdict.pass).toBe(false);
      expect(verdict.message).toMatch(/major bump of\s+@digitalpaye\/client\./);
    });

    it('fails a breaking change declared as a minor bump of both packages', () => {
      const bumps = { '@digitalpaye/openapi': 'minor', '@digitalpaye/client': 'minor' } as const;
      expect(gateVerdict(diffOf(true), [changeset('minor.md', bumps)]).pass).toBe(false);
    });

    it('passes a breaking change declared major for both packages in one changeset', () => {
      const verdict = gateVerdict(diffOf(true), [majorBoth]);
      expect(verdict).toEqual({
        pass: true,
        message: 'Breaking change against the last release, declared as major by major.md.',
      });
    });

    it('passes a breaking change whose major bumps come from two changesets', () => {
      const verdict = gateVerdict(diffOf(true), [
        changeset('a.md', { '@digitalpaye/openapi': 'major' }),
        changeset('b.md', { '@digitalpaye/client': 'major' }),
      ]);
      expect(verdict.pass).toBe(true);
    });
  });

  describe('as a command on a breaking fixture', () => {
    let dir: string;
    const head = () => join(dir, 'head.yaml');
    const changesets = (name: string) => join(dir, name);

    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'dp-gate-'));
      const doc = loadSpec(diffBase);
      delete doc.paths['/v1/widget/{id}'];
      writeFileSync(head(), stringify(doc));

      mkdirSync(changesets('none'));
      writeFileSync(join(changesets('none'), 'README.md'), '# Changesets\n');
      mkdirSync(changesets('major'));
      writeFileSync(
        join(changesets('major'), 'drop-get-widget.md'),
        '---\n"@digitalpaye/openapi": major\n"@digitalpaye/client": major\n---\n\nRemoves GET /v1/widget/{id}.\n',
      );
    });

    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('reads pending changesets and their bumps, skipping the README', () => {
      expect(readChangesets(changesets('none'))).toEqual([]);
      expect(readChangesets(changesets('major'))).toEqual([
        { ...majorBoth, file: 'drop-get-widget.md', summary: 'Removes GET /v1/widget/{id}.' },
      ]);
    });

    it('refuses a changeset whose front matter a Markdown formatter turned into a heading', () => {
      const broken = changesets('broken');
      mkdirSync(broken);
      writeFileSync(join(broken, 'reformatted.md'), '---\n\n## "@digitalpaye/client": minor\n');
      expect(() => readChangesets(broken)).toThrow(
        /reformatted\.md: a changeset starts with a front matter block between two --- lines/,
      );
    });

    it('exits 1 and prints the breaking change when no changeset declares it', async () => {
      const run = await runTsx('scripts/gate.ts', [
        ...['--base', diffBase, '--head', head(), '--changesets', changesets('none')],
      ]);
      expect(run.stderr).toMatch(/^BREAKING {2}GET \/v1\/widget\/\{id\}: removed$/m);
      expect(run.stderr).toContain('no pending changeset declares a major bump');
      expect(run.code).toBe(1);
    });

    it('exits 0 when a changeset declares a major bump of both packages', async () => {
      const run = await runTsx('scripts/gate.ts', [
        ...['--base', diffBase, '--head', head(), '--changesets', changesets('major')],
      ]);
      expect(run.stdout).toContain('declared as major by drop-get-widget.md');
      expect(run.code).toBe(0);
    });
  });
});
