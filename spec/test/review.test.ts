import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { reviewReport } from '../scripts/review.js';
import { loadSpec } from './load-spec.js';

const diffBase = fileURLToPath(new URL('fixtures/diff/base.yaml', import.meta.url));

describe('spec:review', () => {
  let dir: string;
  let report: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dp-review-'));
    const head = loadSpec(diffBase);
    delete head.paths['/v1/widget/{id}'];
    head.components.schemas.Widget.properties.createdAt = { type: 'string' };
    head.components.securitySchemes = { bearerAuth: { type: 'http', scheme: 'bearer' } };
    head.paths['/v1/widget'].post.security = [{ bearerAuth: [] }];
    writeFileSync(join(dir, 'head.yaml'), stringify(head));

    report = await reviewReport({
      base: diffBase,
      head: join(dir, 'head.yaml'),
      changesets: join(dir, 'no-changesets'),
    });
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('opens with the breaking-change verdict and the gate it implies', () => {
    expect(report).toMatch(/^\*\*Verdict: breaking\.\*\* No pending changeset .* gate fails\.$/m);
  });

  it('lists each operation with its security and statuses', () => {
    expect(report).toContain(
      '| `createWidget` Create a widget | `POST /v1/widget` | `bearerAuth` (Bearer) | 200 |',
    );
    expect(report).not.toContain('`GET /v1/widget/{id}` |');
  });

  it('lists the schemas changed since the last release', () => {
    expect(report).toMatch(
      /## Schemas changed since the last release\n\n\| Schema \| Change \|\n\| --- \| --- \|\n\| `Widget` \| properties added: `createdAt` \|\n/,
    );
  });

  it('gives the lint result of the reviewed spec', () => {
    expect(report).toMatch(
      /- Redocly CLI, recommended rules raised to errors: [1-9]\d* error\(s\)/,
    );
    expect(report).toMatch(/\| error \| `redocly\/info-license` \|/);
    expect(report).toMatch(/\| error \| `spectral\/dp-operation-description` \|/);
  });

  it('classifies every change', () => {
    expect(report).toContain('2 of 3 change(s) breaking.');
    expect(report).toMatch(
      /\| \*\*breaking\*\* \| POST \/v1\/widget \| security added \| changes the security/,
    );
    expect(report).toContain(
      '| **breaking** | GET /v1/widget/{id} | removed | cannot remove an operation. This is a breaking change. |',
    );
    expect(report).toMatch(
      /\| compatible \| POST \/v1\/widget, response 200 .* createdAt \| added \|/,
    );
  });
});
