import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { lastReleaseSpec, runBin, toolEnv, userPath, workingSpec } from './run.js';

/** One change between two specs, in plain words. */
export interface SpecChange {
  /** The operation and the place inside it, or `document`. */
  where: string;
  /** What changed, e.g. `property data.createdAt removed`. */
  what: string;
  breaking: boolean;
  /** Why it is breaking, in the diff engine's words. */
  reasons: string[];
}

export interface SpecDiff {
  base: string;
  head: string;
  changes: SpecChange[];
  breaking: boolean;
}

// biome-ignore lint/suspicious/noExplicitAny: optic's report and OpenAPI documents are walked generically.
type Json = any;

interface Rule {
  passed: boolean;
  exempted?: boolean;
  severity: number;
  error?: string;
}

interface Diff {
  change: 'added' | 'removed' | 'changed';
  trail: string;
  before?: string;
  after?: string;
}

interface Node {
  label: string[];
  diffs: Diff[];
  rules: Rule[];
  parent?: Node;
  change?: SpecChange;
}

const ERROR = 2;

/** Inlines every local `$ref`, so that optic's JSON pointers can be read in the document. */
function inline(doc: Json): Json {
  const lookup = (ref: string): Json =>
    ref
      .slice(2)
      .split('/')
      .reduce((value: Json, key) => value?.[key.replaceAll('~1', '/').replaceAll('~0', '~')], doc);

  const walk = (node: Json, seen: string[]): Json => {
    if (Array.isArray(node)) return node.map((item) => walk(item, seen));
    if (node === null || typeof node !== 'object') return node;
    const ref = node.$ref;
    if (typeof ref === 'string' && ref.startsWith('#/') && !seen.includes(ref)) {
      return walk(lookup(ref), [...seen, ref]);
    }
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v, seen)]));
  };

  return walk(doc, []);
}

function at(doc: Json, pointer: string | undefined): Json {
  if (pointer === undefined) return undefined;
  return pointer
    .split('/')
    .slice(1)
    .reduce((value: Json, key) => value?.[key.replaceAll('~1', '/').replaceAll('~0', '~')], doc);
}

const show = (value: Json) =>
  value === null || typeof value !== 'object' ? JSON.stringify(value) : undefined;

/** `/schema/properties/data/properties/createdAt` → `data.createdAt`. */
function fieldName(key: string): string {
  return key
    .replace(/^\/schema/, '')
    .split('/')
    .filter((part) => part !== '' && part !== 'properties')
    .map((part) => (part === 'items' ? '[]' : part))
    .join('.')
    .replaceAll('.[]', '[]');
}

function describe(diff: Diff, base: Json, head: Json): string {
  const before = at(base, diff.before);
  const after = at(head, diff.after);
  const parts = diff.trail.split('/').filter(Boolean);
  const last = parts.at(-1);

  if (parts.length === 0) return diff.change;

  if (last !== undefined && /^\d+$/.test(last)) {
    const list = parts.at(-2);
    if (list === 'required') return diff.change === 'added' ? 'now required' : 'no longer required';
    const value = show(diff.change === 'removed' ? before : after) ?? 'an entry';
    return `${list} value ${value} ${diff.change}`;
  }

  const name = parts.join('.');
  if (diff.change === 'changed' && show(before) && show(after)) {
    return `${name} changed from ${show(before)} to ${show(after)}`;
  }
  return `${name} ${diff.change}`;
}

/** Flattens optic's grouped report into nodes that carry their place in words. */
function nodes(grouped: Json): Node[] {
  const found: Node[] = [];
  const add = (source: Json, label: string[], parent?: Node): Node => {
    const node: Node = { label, diffs: source?.diffs ?? [], rules: source?.rules ?? [], parent };
    found.push(node);
    return node;
  };

  const contents = (source: Json, label: string[], parent: Node) => {
    for (const [mediaType, content] of Object.entries<Json>(source ?? {})) {
      const bodyLabel = [...label.slice(0, -1), `${label.at(-1)} (${mediaType})`];
      const body = add({}, bodyLabel, parent);
      for (const [key, field] of Object.entries<Json>(content.fields ?? {})) {
        add(field, [...bodyLabel, `property ${fieldName(key)}`], body);
      }
      add(content.examples, [...bodyLabel, 'examples'], body);
    }
  };

  add(grouped.specification, ['document']);
  for (const endpoint of Object.values<Json>(grouped.endpoints ?? {})) {
    const operation = add(endpoint, [`${endpoint.method} ${endpoint.path}`]);
    for (const kind of ['query', 'path', 'cookie', 'header']) {
      for (const [name, parameter] of Object.entries<Json>(endpoint[`${kind}Parameters`] ?? {})) {
        add(parameter, [...operation.label, `${kind} parameter ${name}`], operation);
      }
    }
    const request = add(endpoint.request, [...operation.label, 'request body'], operation);
    contents(endpoint.request?.contents, request.label, request);
    for (const [status, response] of Object.entries<Json>(endpoint.responses ?? {})) {
      const node = add(response, [...operation.label, `response ${status}`], operation);
      for (const [name, header] of Object.entries<Json>(response.headers ?? {})) {
        add(header, [...node.label, `header ${name}`], node);
      }
      contents(response.contents, node.label, node);
    }
  }
  return found;
}

/** Turns optic's report into plain-word changes, each breaking when a check failed on it. */
export function classify(grouped: Json, base: Json, head: Json): SpecChange[] {
  const all = nodes(grouped);
  const changes: SpecChange[] = [];

  for (const node of all) {
    if (node.diffs.length === 0) continue;
    const what = [...new Set(node.diffs.map((d) => describe(d, base, head)))].join(', ');
    node.change = { where: node.label.join(', '), what, breaking: false, reasons: [] };
    changes.push(node.change);
  }

  // optic has no check for security; a new or changed requirement can lock out today's callers.
  for (const node of all) {
    const security = node.diffs.some((d) => /^\/security(\/|$)/.test(d.trail));
    if (node.change && security && node.label.length === 1) {
      node.change.breaking = true;
      node.change.reasons.push(
        'changes the security requirements of an existing operation: callers with the credentials it took so far may be refused. This is a breaking change.',
      );
    }
  }

  for (const node of all) {
    for (const rule of node.rules) {
      if (rule.passed || rule.exempted || rule.severity < ERROR) continue;
      let owner: Node | undefined = node;
      while (owner && !owner.change) owner = owner.parent;
      if (!owner?.change) {
        owner = node;
        owner.change = {
          where: node.label.join(', '),
          what: 'changed',
          breaking: true,
          reasons: [],
        };
        changes.push(owner.change);
      }
      owner.change.breaking = true;
      const reason = rule.error ?? 'a breaking-change check failed';
      // A removed operation fails a check for each thing inside it; one reason per owner is enough.
      if (owner === node || owner.change.reasons.length === 0) {
        if (!owner.change.reasons.includes(reason)) owner.change.reasons.push(reason);
      }
    }
  }

  return changes;
}

/**
 * Compares two OpenAPI documents with optic's breaking-change checks and
 * returns every change in plain words.
 */
export async function diffSpecs(base: string, head: string): Promise<SpecDiff> {
  for (const file of [base, head]) {
    if (!existsSync(file)) throw new Error(`spec:diff: no such file ${file}`);
  }

  // optic writes its structured report to ci-run-details.json in its working folder when CI is set.
  const dir = mkdtempSync(join(tmpdir(), 'dp-spec-diff-'));
  try {
    const run = await runBin('optic', ['diff', base, head, '--check', '--json'], {
      cwd: dir,
      env: { ...toolEnv, CI: 'true' },
    });
    const reportFile = join(dir, 'ci-run-details.json');
    if (!existsSync(reportFile)) {
      throw new Error(`optic diff failed (exit ${run.code}):\n${run.stderr || run.stdout}`);
    }

    const report = JSON.parse(readFileSync(reportFile, 'utf8'));
    if (report.failed?.length) {
      throw new Error(`optic diff failed: ${report.failed.map((f: Json) => f.error).join('; ')}`);
    }
    const grouped = report.completed?.[0]?.comparison?.groupedDiffs;
    const read = (file: string) => inline(parse(readFileSync(file, 'utf8')));
    const changes = grouped ? classify(grouped, read(base), read(head)) : [];

    return { base, head, changes, breaking: changes.some((c) => c.breaking) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatDiff(diff: SpecDiff, cwd = process.env.INIT_CWD ?? process.cwd()): string {
  const lines = [`base: ${relative(cwd, diff.base)}`, `head: ${relative(cwd, diff.head)}`, ''];

  for (const change of diff.changes) {
    lines.push(`${change.breaking ? 'BREAKING' : 'ok      '}  ${change.where}: ${change.what}`);
    for (const reason of change.reasons) lines.push(`          ${reason}`);
  }

  const breaking = diff.changes.filter((c) => c.breaking).length;
  if (diff.changes.length === 0) lines.push('No changes.');
  else lines.push('', `${diff.changes.length} change(s), ${breaking} breaking.`);
  lines.push(breaking > 0 ? 'Verdict: breaking.' : 'Verdict: not breaking.');
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  if (argv.length > 2 || argv.some((arg) => arg.startsWith('-'))) {
    console.error(
      'usage: pnpm spec:diff [BASE] [HEAD]  (defaults: the last release, the working spec)',
    );
    return 2;
  }

  const base = argv[0] ? userPath(argv[0]) : lastReleaseSpec;
  const head = argv[1] ? userPath(argv[1]) : workingSpec;
  const diff = await diffSpecs(base, head);
  console.log(formatDiff(diff));
  return diff.breaking ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2)).catch((error: Error) => {
    console.error(error.message);
    return 2;
  });
}
