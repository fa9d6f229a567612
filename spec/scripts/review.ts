import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'yaml';
import { readChangesets } from './changesets.js';
import { diffSpecs, type SpecDiff } from './diff.js';
import { gateVerdict } from './gate.js';
import { type LintProblem, lint } from './lint.js';
import { type SpecPair, specDir, specPairArgs } from './run.js';

// biome-ignore lint/suspicious/noExplicitAny: OpenAPI documents are walked generically.
type Json = any;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

const code = (text: string) => `\`${text}\``;
const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

function describeScheme(name: string, scheme: Json): string {
  if (!scheme) return `${code(name)} (undeclared)`;
  if (scheme.type === 'http' && scheme.scheme === 'basic') return `${code(name)} (HTTP Basic)`;
  if (scheme.type === 'http' && scheme.scheme === 'bearer') {
    return `${code(name)} (Bearer${scheme.bearerFormat ? `, ${scheme.bearerFormat}` : ''})`;
  }
  if (scheme.type === 'apiKey') return `${code(name)} (API key in ${scheme.in} ${scheme.name})`;
  return `${code(name)} (${scheme.type})`;
}

/** One table row per operation: its id and summary, method and path, security, statuses. */
export function operationsTable(doc: Json): string[] {
  const rows = ['| Operation | Request | Security | Responses |', '| --- | --- | --- | --- |'];
  const schemes = doc.components?.securitySchemes ?? {};

  for (const [path, item] of Object.entries<Json>(doc.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item?.[method];
      if (!operation) continue;

      const requirements: Json[] = operation.security ?? doc.security ?? [];
      const security =
        requirements.length === 0
          ? 'none'
          : requirements
              .map((requirement) =>
                Object.keys(requirement)
                  .map((name) => describeScheme(name, schemes[name]))
                  .join(' and '),
              )
              .join(' or ');
      const statuses = Object.keys(operation.responses ?? {}).join(', ');
      const name = `${code(operation.operationId ?? '?')} ${operation.summary ?? ''}`.trim();
      rows.push(
        `| ${cell(name)} | ${code(`${method.toUpperCase()} ${path}`)} | ${cell(security)} | ${statuses} |`,
      );
    }
  }
  return rows;
}

function schemaChange(before: Json, after: Json): string {
  const parts: string[] = [];
  const names = (schema: Json) => Object.keys(schema?.properties ?? {});
  const added = names(after).filter((n) => !names(before).includes(n));
  const removed = names(before).filter((n) => !names(after).includes(n));
  const changed = names(after).filter(
    (n) =>
      names(before).includes(n) && !isDeepStrictEqual(before.properties[n], after.properties[n]),
  );
  const required = (schema: Json): string[] => schema?.required ?? [];
  const nowRequired = required(after).filter((n) => !required(before).includes(n));
  const noLongerRequired = required(before).filter((n) => !required(after).includes(n));
  const keywords = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter(
    (k) => !['properties', 'required'].includes(k) && !isDeepStrictEqual(before?.[k], after?.[k]),
  );

  const list = (items: string[]) => items.map(code).join(', ');
  if (added.length) parts.push(`properties added: ${list(added)}`);
  if (removed.length) parts.push(`properties removed: ${list(removed)}`);
  if (changed.length) parts.push(`properties changed: ${list(changed)}`);
  if (nowRequired.length) parts.push(`now required: ${list(nowRequired)}`);
  if (noLongerRequired.length) parts.push(`no longer required: ${list(noLongerRequired)}`);
  if (keywords.length) parts.push(`keywords changed: ${list(keywords)}`);
  return parts.join('; ');
}

/** Named schemas added, removed or changed between two documents. */
export function schemaChanges(base: Json, head: Json): string[] {
  const before = base.components?.schemas ?? {};
  const after = head.components?.schemas ?? {};
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const rows: string[] = [];

  for (const name of names) {
    if (!(name in before)) rows.push(`| ${code(name)} | added |`);
    else if (!(name in after)) rows.push(`| ${code(name)} | removed |`);
    else if (!isDeepStrictEqual(before[name], after[name])) {
      rows.push(`| ${code(name)} | ${cell(schemaChange(before[name], after[name]))} |`);
    }
  }
  return rows.length === 0 ? ['None.'] : ['| Schema | Change |', '| --- | --- |', ...rows];
}

function lintSection(problems: LintProblem[]): string[] {
  const count = (tool: LintProblem['tool'], severity: 'error' | 'other') =>
    problems.filter((p) => p.tool === tool && (severity === 'error') === (p.severity === 'error'))
      .length;
  const line = (tool: LintProblem['tool'], label: string) =>
    `- ${label}: ${count(tool, 'error')} error(s), ${count(tool, 'other')} warning(s).`;

  const lines = [
    line('redocly', 'Redocly CLI, recommended rules raised to errors'),
    line('spectral', 'Spectral, `spectral:oas` and the house rules in `spec/.spectral.yaml`'),
  ];
  if (problems.length === 0) return [...lines, '', 'Clean: no errors and no warnings.'];

  return [
    ...lines,
    '',
    '| Severity | Rule | Where | Message |',
    '| --- | --- | --- | --- |',
    ...problems.map(
      (p) =>
        `| ${p.severity} | ${code(`${p.tool}/${p.rule}`)} | ${cell(`${p.where}${p.line ? ` (line ${p.line})` : ''}`)} | ${cell(p.message)} |`,
    ),
  ];
}

function breakingSection(diff: SpecDiff): string[] {
  if (diff.changes.length === 0) return ['No change to the API since the last release.'];
  const breaking = diff.changes.filter((c) => c.breaking).length;
  return [
    `${breaking} of ${diff.changes.length} change(s) breaking.`,
    '',
    '| Class | Where | What | Why |',
    '| --- | --- | --- | --- |',
    ...diff.changes.map(
      (c) =>
        `| ${c.breaking ? '**breaking**' : 'compatible'} | ${cell(c.where)} | ${cell(c.what)} | ${cell(c.reasons.join(' '))} |`,
    ),
  ];
}

/** The Markdown review of `head` against `base` that a partner reads in a pull request. */
export async function reviewReport(options: SpecPair): Promise<string> {
  const read = (file: string) => parse(readFileSync(file, 'utf8'));
  const [base, head] = [read(options.base), read(options.head)];
  const [diff, problems] = await Promise.all([
    diffSpecs(options.base, options.head),
    lint([options.head]),
  ]);
  const gate = gateVerdict(diff, readChangesets(options.changesets));
  const where = (file: string) => code(relative(join(specDir, '..'), file));

  const verdict = !diff.breaking
    ? '**Verdict: no breaking change.**'
    : `**Verdict: breaking.** ${gate.pass ? gate.message : 'No pending changeset declares a major bump of both published packages: the release gate fails.'}`;

  return [
    `# Spec review: ${head.info?.title ?? 'API'} ${head.info?.version ?? ''}`.trim(),
    '',
    `${where(options.head)} compared with the last release, ${where(options.base)}.`,
    '',
    verdict,
    '',
    '## Operations',
    '',
    ...operationsTable(head),
    '',
    '## Schemas changed since the last release',
    '',
    ...schemaChanges(base, head),
    '',
    '## Lint',
    '',
    ...lintSection(problems),
    '',
    '## Breaking changes',
    '',
    ...breakingSection(diff),
    '',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  process.stdout.write(await reviewReport(specPairArgs(argv)));
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2)).catch((error: Error) => {
    console.error(error.message);
    return 2;
  });
}
