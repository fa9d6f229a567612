import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runBin, specDir, userPath, workingSpec } from './run.js';

export interface LintProblem {
  tool: 'redocly' | 'spectral';
  rule: string;
  severity: 'error' | 'warning' | 'info' | 'hint';
  message: string;
  /** The linted file, as an absolute path. */
  file: string;
  /** JSON pointer or dotted path inside the file. */
  where: string;
  line?: number;
}

const SPECTRAL_SEVERITY = ['error', 'warning', 'info', 'hint'] as const;

interface SpectralResult {
  code: string | number;
  message: string;
  severity: number;
  path: (string | number)[];
  source?: string;
  range?: { start: { line: number } };
}

interface RedoclyProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { source: { ref: string }; pointer: string; start?: { line: number } }[];
}

/** Runs Spectral (spectral:oas and the house rules in .spectral.yaml) on the files. */
export async function spectral(files: string[]): Promise<LintProblem[]> {
  const result = await runBin('spectral', [
    'lint',
    ...files,
    '--ruleset',
    `${specDir}/.spectral.yaml`,
    '--format',
    'json',
    '--quiet',
    '--fail-severity',
    'hint',
  ]);
  if (!result.stdout.trim().startsWith('[')) {
    throw new Error(`spectral did not report (exit ${result.code}):\n${result.stderr}`);
  }

  const results = JSON.parse(result.stdout) as SpectralResult[];
  return results.map((r) => ({
    tool: 'spectral',
    rule: String(r.code),
    severity: SPECTRAL_SEVERITY[r.severity] ?? 'error',
    message: r.message,
    file: r.source ?? files[0] ?? '',
    where: r.path.join('.'),
    line: r.range ? r.range.start.line + 1 : undefined,
  }));
}

/** Runs Redocly CLI (recommended rules, every warning raised to an error) on the files. */
export async function redocly(files: string[]): Promise<LintProblem[]> {
  const result = await runBin('redocly', [
    'lint',
    ...files,
    '--config',
    `${specDir}/redocly.yaml`,
    '--format',
    'json',
  ]);
  const start = result.stdout.indexOf('{');
  if (start < 0) throw new Error(`redocly did not report (exit ${result.code}):\n${result.stderr}`);

  // One JSON report per file, written back to back.
  const reports = result.stdout
    .slice(start)
    .split(/(?<=\n\})(?=\{)/)
    .map((text) => JSON.parse(text) as { problems: RedoclyProblem[] });
  return reports
    .flatMap(({ problems }) => problems)
    .map((p) => ({
      tool: 'redocly',
      rule: p.ruleId,
      severity: p.severity === 'warn' ? 'warning' : 'error',
      message: p.message,
      file: resolve(specDir, p.location[0]?.source.ref ?? files[0] ?? ''),
      where: p.location[0]?.pointer ?? '',
      line: p.location[0]?.start?.line,
    }));
}

/** Lints the files with both tools at once. */
export async function lint(files: string[]): Promise<LintProblem[]> {
  const [fromRedocly, fromSpectral] = await Promise.all([redocly(files), spectral(files)]);
  return [...fromRedocly, ...fromSpectral];
}

export function formatProblem(p: LintProblem): string {
  const file = relative(process.env.INIT_CWD ?? process.cwd(), p.file) || p.file;
  const at = `${file}${p.line ? `:${p.line}` : ''}`;
  return `${p.severity.padEnd(7)} ${p.tool}/${p.rule}  ${at}  ${p.where}\n        ${p.message}`;
}

async function main(argv: string[]): Promise<number> {
  const files = argv.length > 0 ? argv.map(userPath) : [workingSpec];
  const problems = await lint(files);

  for (const problem of problems) console.log(formatProblem(problem));
  const names = files.map((f) => relative(process.env.INIT_CWD ?? process.cwd(), f)).join(', ');
  const errors = problems.filter((p) => p.severity === 'error').length;
  console.log(
    problems.length === 0
      ? `${names}: no problems (Redocly recommended-strict, Spectral spectral:oas and house rules)`
      : `${names}: ${errors} error(s), ${problems.length - errors} warning(s) or note(s)`,
  );
  return problems.length === 0 ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2));
}
