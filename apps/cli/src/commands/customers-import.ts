import { stat } from 'node:fs/promises';
import type { CreateCustomerRequest, DigitalPaye } from '@digitalpaye/client';
import { type Context, EXIT, numberFlag, UsageError } from '../context.js';
import { type CheckedRow, checkRow, requiredColumns } from '../import/columns.js';
import { FailedRowsWriter } from '../import/failed-rows.js';
import { JournalWriter, type PastRow, readJournal, rowHash } from '../import/journal.js';
import { ProgressReporter } from '../import/progress.js';
import {
  type Delimiter,
  detectDelimiter,
  FileError,
  type Format,
  MAX_RECORD_BYTES,
  readRows,
  type SourceHeader,
  type SourceOptions,
  type SourceRow,
} from '../import/source.js';
import type { Messages } from '../messages.js';
import { clientFrom, targetOf } from '../settings.js';
import { describeFailure } from './failure.js';

/** How many times one row waits out a 429 before it is recorded as failed. */
const MAX_RATE_LIMIT_WAITS = 8;
/** Lines listed by number in the summary; the journal has them all. */
const LISTED_LINES = 20;
/** Issues kept for the JSON output of a dry run; the count is always exact. */
const LISTED_ISSUES = 1000;

interface ImportSettings {
  file: string;
  source: SourceOptions;
  concurrency: number;
  timeout: number | undefined;
  journal: string;
  failed: string;
  dryRun: boolean;
  resume: boolean;
  retryUnknown: boolean;
}

interface Counts {
  rows: number;
  invalid: number;
  created: number;
  alreadyCreated: number;
  failed: number;
  unknown: number;
  notAttempted: number;
}

function settingsOf(ctx: Context): ImportSettings {
  const { t, flags, args } = ctx;
  const [file, ...extra] = args;
  if (!file) throw new UsageError(t.missingFile);
  if (extra.length > 0) throw new UsageError(t.unknownCommand(extra.join(' ')));

  const format =
    (flags.format as string | undefined) ?? (/\.(jsonl|ndjson)$/i.test(file) ? 'jsonl' : 'csv');
  if (format !== 'csv' && format !== 'jsonl') throw new UsageError(t.badFormat(format));

  const delimiterFlag = flags.delimiter as string | undefined;
  const delimiters: Record<string, Delimiter> = { ',': ',', ';': ';', tab: '\t', '\t': '\t' };
  const delimiter = delimiterFlag === undefined ? undefined : delimiters[delimiterFlag];
  if (delimiterFlag !== undefined && !delimiter)
    throw new UsageError(t.badDelimiter(delimiterFlag));

  return {
    file,
    source: { format: format as Format, delimiter },
    concurrency: numberFlag(ctx, 'concurrency', 1, 32) ?? 4,
    timeout: numberFlag(ctx, 'timeout', 1, 600_000),
    journal: (flags.journal as string | undefined) ?? `${file}.journal.jsonl`,
    failed: (flags.failed as string | undefined) ?? `${file}.failed.csv`,
    dryRun: flags['dry-run'] === true,
    resume: flags.resume === true,
    retryUnknown: flags['retry-unknown'] === true,
  };
}

async function nonEmpty(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.size > 0,
    () => false,
  );
}

async function pastRows(t: Messages, settings: ImportSettings): Promise<Map<number, PastRow>> {
  const exists = await nonEmpty(settings.journal);
  if (settings.resume && !exists) throw new UsageError(t.journalMissing(settings.journal));
  if (!settings.resume && exists) throw new UsageError(t.journalExists(settings.journal));
  return settings.resume ? readJournal(settings.journal) : new Map();
}

function fileErrorMessage(t: Messages, file: string, error: FileError): string {
  switch (error.kind) {
    case 'not-utf8':
      return t.notUtf8(file);
    case 'too-long':
      return t.lineTooLong(file, error.line, MAX_RECORD_BYTES);
    case 'empty':
      return t.emptyFile(file);
    case 'duplicate-column':
      return t.duplicateColumn(error.detail);
    case 'csv':
      return t.csvBroken(file, error.line, error.detail);
  }
}

/** Iterates the file's rows with their check, turning file problems into usage errors (exit 2). */
async function* checkedRows(
  ctx: Context,
  settings: ImportSettings,
  onHeader: (header: SourceHeader) => void,
): AsyncGenerator<{ source: SourceRow; checked: CheckedRow }> {
  try {
    for await (const source of readRows(settings.file, settings.source, onHeader)) {
      const checked: CheckedRow = source.shapeError
        ? { valid: false, issues: [{ field: '(row)', message: source.shapeError }] }
        : checkRow(source.values);
      yield { source, checked };
    }
  } catch (error) {
    if (error instanceof FileError) {
      throw new UsageError(fileErrorMessage(ctx.t, settings.file, error));
    }
    if ((error as NodeJS.ErrnoException).code) {
      const { code } = error as NodeJS.ErrnoException;
      throw new UsageError(ctx.t.cannotRead(settings.file, code ?? ''));
    }
    throw error;
  }
}

function issueText(t: Messages, issue: { field: string; message: string | undefined }): string {
  return `${issue.field}: ${issue.message ?? t.emptyCell}`;
}

/** Checks the header against the columns the spec requires and notes ignored ones. */
function headerCheck(ctx: Context, settings: ImportSettings) {
  return (header: SourceHeader) => {
    if (header.ignored.length > 0) ctx.io.stderr.write(`${ctx.t.ignoredColumns(header.ignored)}\n`);
    if (settings.source.format !== 'csv') return;
    const missing = requiredColumns().filter((column) => !header.columns.includes(column));
    if (missing.length > 0) throw new UsageError(ctx.t.missingColumns(missing, header.columns));
  };
}

/**
 * First pass: checks every row (and, on resume, that the file still
 * matches the journal), reporting each bad row with its line, field and
 * reason. Nothing is sent.
 */
async function checkPass(ctx: Context, settings: ImportSettings, past: Map<number, PastRow>) {
  const { t, io } = ctx;
  const out = settings.dryRun ? io.stdout : io.stderr;
  const issues: { line: number; field: string; message: string }[] = [];
  let rows = 0;
  let invalid = 0;
  let toSend = 0;

  for await (const { source, checked } of checkedRows(ctx, settings, headerCheck(ctx, settings))) {
    rows += 1;
    const earlier = past.get(source.row);
    if (earlier && earlier.hash !== rowHash(source.values)) {
      throw new UsageError(t.journalMismatch(source.line, settings.journal));
    }

    if (!checked.valid) {
      invalid += 1;
      for (const issue of checked.issues) {
        const message = issue.message ?? t.emptyCell;
        if (issues.length < LISTED_ISSUES)
          issues.push({ line: source.line, field: issue.field, message });
        if (!ctx.flags.json) out.write(`${t.rowIssue(source.line, issue.field, message)}\n`);
      }
    } else if (!earlier || (earlier.status === 'unknown' && settings.retryUnknown)) {
      toSend += 1;
    }
  }

  return { rows, invalid, toSend, issues };
}

function listLines(t: Messages, lines: number[], total: number): string {
  return t.lines(lines, total - lines.length);
}

function printSummary(
  ctx: Context,
  settings: ImportSettings,
  counts: Counts,
  lines: { invalid: number[]; unknown: number[] },
  failedFile: string | undefined,
): void {
  const { io, t, flags } = ctx;
  if (flags.json) {
    const summary = {
      ...counts,
      invalidLines: lines.invalid,
      unknownLines: lines.unknown,
      failedFile: failedFile ?? null,
      journal: settings.journal,
    };
    io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return;
  }

  const rows: [string, number, string][] = [
    [t.summaryCreated, counts.created, ''],
    [t.summaryAlready, counts.alreadyCreated, ''],
    [t.summaryFailed, counts.failed, ''],
    [t.summaryInvalid, counts.invalid, listLines(t, lines.invalid, counts.invalid)],
    [t.summaryUnknown, counts.unknown, listLines(t, lines.unknown, counts.unknown)],
    [t.summaryNotAttempted, counts.notAttempted, ''],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const body = rows
    .filter(([, count], i) => count > 0 || i === 0)
    .map(
      ([label, count, detail]) =>
        `  ${label.padEnd(width)}  ${String(count).padStart(6)}${detail && `  (${detail})`}`,
    );
  const notes = [
    failedFile && t.summaryFailedFile(failedFile),
    t.summaryJournal(settings.journal),
    counts.unknown > 0 && t.summaryUnknownHint(listLines(t, lines.unknown, counts.unknown)),
    counts.notAttempted > 0 && t.summaryResumeHint,
  ].filter(Boolean);
  io.stdout.write(`\n${t.summaryTitle}\n${body.join('\n')}\n\n${notes.join('\n')}\n`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Second pass: streams the rows again and sends the valid ones, at most
 * `concurrency` at a time, recording each outcome in the journal as it
 * happens.
 */
async function sendPass(
  ctx: Context,
  settings: ImportSettings,
  dp: DigitalPaye,
  past: Map<number, PastRow>,
  toSend: number,
) {
  const { io, t } = ctx;
  const counts: Counts = {
    rows: 0,
    invalid: 0,
    created: 0,
    alreadyCreated: 0,
    failed: 0,
    unknown: 0,
    notAttempted: 0,
  };
  const lines = { invalid: [] as number[], unknown: [] as number[] };
  const note = (list: number[], line: number) => list.length < LISTED_LINES && list.push(line);

  const delimiter = settings.source.delimiter ?? ',';
  const journal = new JournalWriter(settings.journal);
  const failed = new FailedRowsWriter(settings.failed, delimiter);
  const target = targetOf(ctx.flags, io.env);
  journal.write({
    event: 'run',
    at: new Date().toISOString(),
    file: settings.file,
    ...target,
    resume: settings.resume,
    retryUnknown: settings.retryUnknown,
  });

  let sent = 0;
  let stopReason: 'halted' | 'interrupted' | undefined;
  let pausedUntil = 0;
  const quiet = ctx.flags.json === true && !io.stderr.isTTY;
  const progress = new ProgressReporter(quiet ? undefined : io.stderr, t, () => ({
    done: sent,
    failed: counts.failed + counts.unknown,
    total: toSend,
  }));
  const say = (message: string) => {
    progress.interrupt();
    io.stderr.write(`${message}\n`);
  };

  const onSigint = () => {
    if (stopReason === 'interrupted') process.exit(130);
    stopReason = 'interrupted';
    say(t.stopping);
  };
  process.on('SIGINT', onSigint);

  const send = async (source: SourceRow, customer: CreateCustomerRequest, hash: string) => {
    const entry = { event: 'row', row: source.row, line: source.line, hash } as const;
    journal.write({ ...entry, at: new Date().toISOString(), status: 'sending' });

    for (let waits = 0; ; waits += 1) {
      while (Date.now() < pausedUntil) await sleep(pausedUntil - Date.now());
      try {
        const created = await dp.customers.create(customer, { timeout: settings.timeout });
        journal.write({
          ...entry,
          at: new Date().toISOString(),
          status: 'created',
          customerId: created.id,
        });
        counts.created += 1;
        return;
      } catch (error) {
        const failure = describeFailure(error);
        const { retryAfter, ...recorded } = failure;
        const at = new Date().toISOString();

        if (failure.outcome === 'unknown') {
          journal.write({ ...entry, at, status: 'unknown', ...recorded });
          counts.unknown += 1;
          note(lines.unknown, source.line);
          return;
        }

        journal.write({ ...entry, at, status: 'failed', ...recorded });
        if (failure.httpStatus === 429 && waits < MAX_RATE_LIMIT_WAITS) {
          const seconds = Math.min(retryAfter ?? 2 ** waits, 60);
          if (Date.now() + seconds * 1000 > pausedUntil) {
            pausedUntil = Date.now() + seconds * 1000;
            say(t.rateLimited(seconds));
          }
          journal.write({ ...entry, at: new Date().toISOString(), status: 'sending' });
          continue;
        }

        const reason = [failure.httpStatus, failure.code].filter(Boolean).join(' ');
        failed.add(
          source.line,
          source.values,
          failure.reason ? `${reason}: ${failure.reason}` : failure.error,
        );
        counts.failed += 1;
        if (failure.httpStatus === 401 || failure.httpStatus === 403) {
          if (!stopReason) say(t.halted(failure.error));
          stopReason ??= 'halted';
        }
        return;
      }
    }
  };

  const inFlight = new Set<Promise<void>>();
  try {
    for await (const { source, checked } of checkedRows(ctx, settings, () => {})) {
      counts.rows += 1;
      if (!checked.valid) {
        const issues = checked.issues.map((issue) => ({
          field: issue.field,
          message: issue.message ?? t.emptyCell,
        }));
        journal.write({
          event: 'row',
          row: source.row,
          line: source.line,
          hash: rowHash(source.values),
          at: new Date().toISOString(),
          status: 'invalid',
          issues,
        });
        failed.add(
          source.line,
          source.values,
          issues.map((issue) => issueText(t, issue)).join('; '),
        );
        counts.invalid += 1;
        note(lines.invalid, source.line);
        continue;
      }

      const earlier = past.get(source.row);
      if (earlier?.status === 'created') {
        counts.alreadyCreated += 1;
        continue;
      }
      if (earlier?.status === 'unknown' && !settings.retryUnknown) {
        counts.unknown += 1;
        note(lines.unknown, source.line);
        continue;
      }
      while (inFlight.size >= settings.concurrency) await Promise.race(inFlight);
      if (stopReason) {
        counts.notAttempted += 1;
        continue;
      }
      const task = send(source, checked.customer, rowHash(source.values)).finally(() => {
        sent += 1;
        inFlight.delete(task);
      });
      inFlight.add(task);
    }
    await Promise.all(inFlight);
  } finally {
    process.off('SIGINT', onSigint);
    progress.finish();
    journal.close();
    failed.close();
  }

  return { counts, lines, failedFile: failed.count > 0 ? failed.path : undefined, stopReason };
}

/** `digitalpaye customers import FILE`. */
export async function customersImport(ctx: Context): Promise<number> {
  const { io, t } = ctx;
  const settings = settingsOf(ctx);
  await stat(settings.file).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(t.cannotRead(settings.file, error.code ?? error.message));
  });
  const past = settings.dryRun ? new Map<number, PastRow>() : await pastRows(t, settings);
  const dp = settings.dryRun ? undefined : clientFrom(ctx.flags, io.env);
  if (settings.source.format === 'csv') {
    settings.source.delimiter ??= await detectDelimiter(settings.file);
  }

  if (!ctx.flags.json) io.stderr.write(`${t.checking(settings.file)}\n`);
  const checked = await checkPass(ctx, settings, past);

  if (!dp) {
    const valid = checked.rows - checked.invalid;
    if (ctx.flags.json) {
      const { issues } = checked;
      io.stdout.write(
        `${JSON.stringify({ rows: checked.rows, valid, invalid: checked.invalid, issues }, null, 2)}\n`,
      );
    } else {
      io.stdout.write(`${t.dryRunSummary(checked.rows, valid, checked.invalid)}\n`);
    }
    return checked.invalid > 0 ? EXIT.failed : EXIT.ok;
  }

  try {
    await dp.authenticate();
  } catch (error) {
    const failure = describeFailure(error);
    if (failure.httpStatus === 401 || failure.httpStatus === 403) {
      throw new UsageError(t.credentialsRefused(failure.error));
    }
    throw error;
  }

  if (!ctx.flags.json) io.stderr.write(`${t.importing(checked.toSend, settings.concurrency)}\n`);
  const result = await sendPass(ctx, settings, dp, past, checked.toSend);
  printSummary(ctx, settings, result.counts, result.lines, result.failedFile);

  if (result.stopReason === 'interrupted') return 130;
  const { counts } = result;
  const incomplete = counts.failed + counts.invalid + counts.unknown + counts.notAttempted;
  return incomplete > 0 ? EXIT.failed : EXIT.ok;
}
