import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { type LintProblem, lint } from '../scripts/lint.js';
import { type Json, loadSpec } from './load-spec.js';
import { runTsx } from './run-script.js';

const valid = loadSpec(new URL('fixtures/lint/valid.yaml', import.meta.url).pathname);
const op = (doc: Json) => doc.paths['/v1/widget'].post;

interface Case {
  /** The rule that must report the broken fixture, as `tool/rule`. */
  rule: string;
  breaks: string;
  /** Spectral's own rules keep their warning level; the lint still fails on a warning. */
  severity?: 'warning';
  mutate: (doc: Json) => void;
}

// Each case is a failing fixture: the valid fixture with one thing broken.
const cases: Case[] = [
  {
    rule: 'spectral/dp-operation-id-camel-case',
    breaks: 'an operation without an operationId',
    mutate: (doc) => delete op(doc).operationId,
  },
  {
    rule: 'spectral/dp-operation-id-camel-case',
    breaks: 'an operationId in snake_case',
    mutate: (doc) => {
      op(doc).operationId = 'create_widget';
    },
  },
  {
    rule: 'spectral/dp-operation-summary',
    breaks: 'an operation without a summary',
    mutate: (doc) => delete op(doc).summary,
  },
  {
    rule: 'spectral/dp-operation-description',
    breaks: 'an operation without a description',
    mutate: (doc) => delete op(doc).description,
  },
  {
    rule: 'spectral/dp-operation-tag',
    breaks: 'an operation with an empty tag list',
    mutate: (doc) => {
      op(doc).tags = [];
    },
  },
  {
    rule: 'spectral/dp-response-example',
    breaks: 'a success response without an example',
    mutate: (doc) => delete op(doc).responses['200'].content['application/json'].example,
  },
  {
    rule: 'spectral/dp-response-example',
    breaks: 'a response without a body',
    mutate: (doc) => {
      op(doc).responses['204'] = { description: 'Nothing.' };
    },
  },
  {
    rule: 'spectral/dp-error-envelope',
    breaks: 'a 4xx response with its own error schema',
    mutate: (doc) => {
      doc.components.schemas.Problem = {
        type: 'object',
        properties: { title: { type: 'string' } },
      };
      doc.components.responses.Unauthorized.content['application/json'] = {
        schema: { $ref: '#/components/schemas/Problem' },
        example: { title: 'Unauthorized' },
      };
    },
  },
  {
    rule: 'spectral/dp-error-envelope',
    breaks: 'a default response whose body is an inline copy of the envelope',
    mutate: (doc) => {
      const failure = doc.components.responses.Failure.content['application/json'];
      failure.schema = structuredClone(doc.components.schemas.ErrorResponse);
    },
  },
  {
    rule: 'spectral/dp-named-body-schema',
    breaks: 'a request body with an inline schema',
    mutate: (doc) => {
      const body = op(doc).requestBody.content['application/json'];
      body.schema = structuredClone(doc.components.schemas.CreateWidgetRequest);
    },
  },
  {
    rule: 'spectral/dp-named-body-schema',
    breaks: 'a response body with an inline schema',
    mutate: (doc) => {
      const body = op(doc).responses['200'].content['application/json'];
      body.schema = structuredClone(doc.components.schemas.Widget);
    },
  },
  {
    rule: 'spectral/dp-no-credential-header',
    breaks: 'an Authorization header parameter',
    mutate: (doc) => {
      op(doc).parameters.push({
        name: 'Authorization',
        in: 'header',
        required: true,
        description: 'Bearer token.',
        schema: { type: 'string' },
      });
    },
  },
  {
    rule: 'spectral/dp-no-credential-header',
    breaks: 'an API key header parameter',
    mutate: (doc) => {
      doc.components.parameters = {
        ApiKey: {
          name: 'X-Api-Key',
          in: 'header',
          description: 'Key.',
          schema: { type: 'string' },
        },
      };
      op(doc).parameters.push({ $ref: '#/components/parameters/ApiKey' });
    },
  },
  {
    rule: 'redocly/no-invalid-media-type-examples',
    breaks: 'a response example with a property its schema does not name',
    mutate: (doc) => {
      op(doc).responses['200'].content['application/json'].example.colour = 'blue';
    },
  },
  {
    rule: 'spectral/info-contact',
    breaks: 'a document without contact (spectral:oas is extended)',
    severity: 'warning',
    mutate: (doc) => delete doc.info.contact,
  },
  {
    rule: 'redocly/info-license',
    breaks: 'a document without a license (a recommended warning, raised to an error)',
    mutate: (doc) => delete doc.info.license,
  },
];

describe('spec lint', () => {
  let dir: string;
  let problemsByFile: Map<string, LintProblem[]>;
  const fileOf = (index: number) => join(dir, `case-${index}.yaml`);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dp-lint-'));
    writeFileSync(join(dir, 'valid.yaml'), stringify(valid));
    cases.forEach((c, index) => {
      const doc = structuredClone(valid);
      c.mutate(doc);
      writeFileSync(fileOf(index), stringify(doc));
    });

    const files = [join(dir, 'valid.yaml'), ...cases.map((_, index) => fileOf(index))];
    problemsByFile = new Map(files.map((f) => [f, []]));
    for (const problem of await lint(files)) {
      const file = files.find((f) => problem.file === f || f.endsWith(problem.file));
      problemsByFile.get(file ?? '')?.push(problem);
    }
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports nothing, not even a warning, on the valid fixture', () => {
    expect(problemsByFile.get(join(dir, 'valid.yaml'))).toEqual([]);
  });

  describe.each(cases.map((c, index) => [c.rule, c, index] as const))('%s', (rule, c, index) => {
    it(`fails ${c.breaks}, as ${c.severity === 'warning' ? 'a warning' : 'an error'}`, () => {
      const reported = (problemsByFile.get(fileOf(index)) ?? [])
        .filter((p) => `${p.tool}/${p.rule}` === rule)
        .map((p) => p.severity);
      expect(reported).not.toEqual([]);
      expect(new Set(reported)).toEqual(new Set([c.severity ?? 'error']));
    });
  });

  describe('as a command', () => {
    it('exits 1 on a warning alone, naming the rule and the count', async () => {
      const warningOnly = fileOf(cases.findIndex((c) => c.severity === 'warning'));
      const run = await runTsx('scripts/lint.ts', [warningOnly]);
      expect(run.stdout).toMatch(/^warning spectral\/info-contact /m);
      expect(run.stdout).toContain('0 error(s), 1 warning(s) or note(s)');
      expect(run.code).toBe(1);
    });
  });
});
