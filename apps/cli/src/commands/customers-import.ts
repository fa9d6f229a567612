import { stat } from 'node:fs/promises';
import type { DigitalPaye } from '@digitalpaye/client';
import { type Context, EXIT, numberFlag, UsageError } from '../context.js';
import { describeFailure } from '../failure.js';
import { type CheckedRow, checkRow, requiredColumns } from '../import/columns.js';
import { FailedRowsWriter } from '../import/failed-rows.js';
import {
  JournalBusyError,
  JournalWriter,
  lockJournal,
  type PastRow,
  readJournal,
  rowHash,
} from '../import/journal.js';
import { ProgressReporter } from '../import/progress.js';
import { RowSender } from '../import/sender.js';
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
import { summaryText, Tally } from '../import/tally.js';
import type { Messages } from '../messages.js';
import { clientFrom, targetOf } from '../settings.js';

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

  if (flags['retry-unknown'] && !flags.resume) throw new UsageError(t.retryUnknownAlone);

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
      const checked: CheckedRow = source.shapeIssues
        ? { valid: false, issues: source.shapeIssues }
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
    if (source.ignored) io.stderr.write(`${t.ignoredColumns(source.ignored)}\n`);
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

/**
 * Second pass: streams the rows again and sends the valid ones, at most
 * `concurrency` at a time, recording each outcome in the journal as it
 * happens. Ctrl-C stops taking rows and lets those in flight finish.
 */
async function sendPass(
  ctx: Context,
  settings: ImportSettings,
  dp: DigitalPaye,
  past: Map<number, PastRow>,
  toSend: number,
) {
  const { io, t } = ctx;
  const tally = new Tally();
  const journal = new JournalWriter(settings.journal);
  const failedRows = new FailedRowsWriter(settings.failed, settings.source.delimiter ?? ',');
  journal.write({
    event: 'run',
    at: new Date().toISOString(),
    file: settings.file,
    ...targetOf(ctx.flags, io.env),
    resume: settings.resume,
    retryUnknown: settings.retryUnknown,
  });

  let sent = 0;
  let interrupted = false;
  const quiet = ctx.flags.json === true && !io.stderr.isTTY;
  const progress = new ProgressReporter(quiet ? undefined : io.stderr, t, () => ({
    done: sent,
    failed: tally.failed + tally.unknown,
    total: toSend,
  }));
  const say = (message: string) => {
    progress.interrupt();
    io.stderr.write(`${message}\n`);
  };
  const sender = new RowSender(dp, journal, failedRows, tally, {
    rateLimited: (seconds) => say(t.rateLimited(seconds)),
    halted: (halt) =>
      say(halt.kind === 'credentials' ? t.halted(halt.message) : t.unreachable(halt.message)),
  });

  const onSigint = () => {
    if (interrupted) process.exit(EXIT.interrupted);
    interrupted = true;
    say(t.stopping);
  };
  process.on('SIGINT', onSigint);

  const inFlight = new Set<Promise<void>>();
  try {
    for await (const { source, checked } of checkedRows(ctx, settings, () => {})) {
      tally.rows += 1;
      const hash = rowHash(source.values);
      if (!checked.valid) {
        const issues = checked.issues.map((issue) => ({
          field: issue.field,
          message: issue.message ?? t.emptyCell,
        }));
        const at = new Date().toISOString();
        const { row, line } = source;
        journal.write({ event: 'row', row, line, hash, at, status: 'invalid', issues });
        failedRows.add(
          line,
          source.values,
          issues.map((i) => `${i.field}: ${i.message}`).join('; '),
        );
        tally.addInvalid(line);
        continue;
      }

      const earlier = past.get(source.row);
      if (earlier && earlier.hash !== hash) {
        throw new UsageError(t.journalMismatch(source.line, settings.journal));
      }
      if (earlier?.status === 'created') {
        tally.alreadyCreated += 1;
        continue;
      }
      if (earlier?.status === 'unknown' && !settings.retryUnknown) {
        tally.addUnknown(source.line);
        continue;
      }

      while (inFlight.size >= settings.concurrency) await Promise.race(inFlight);
      if (interrupted || sender.halt) {
        tally.notAttempted += 1;
        continue;
      }
      const task = sender.send(source, checked.customer, hash).finally(() => {
        sent += 1;
        inFlight.delete(task);
      });
      inFlight.add(task);
    }
  } finally {
    // Rows in flight still write to the journal: let them land before closing it.
    await Promise.allSettled(inFlight);
    process.off('SIGINT', onSigint);
    progress.finish();
    journal.close();
    failedRows.close();
  }

  const failed = failedRows.count > 0 ? failedRows.path : undefined;
  return { tally, failed, interrupted };
}

/** `digitalpaye customers import FILE`. */
export async function customersImport(ctx: Context): Promise<number> {
  const { t } = ctx;
  const settings = settingsOf(ctx);
  await stat(settings.file).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(t.cannotRead(settings.file, error.code ?? error.message));
  });
  const release = settings.dryRun ? () => {} : lock(t, settings.journal);
  try {
    return await importFile(ctx, settings);
  } finally {
    release();
  }
}

function lock(t: Messages, journal: string): () => void {
  try {
    return lockJournal(journal);
  } catch (error) {
    if (error instanceof JournalBusyError)
      throw new UsageError(t.journalBusy(error.lockFile, error.pid));
    const { code, message } = error as NodeJS.ErrnoException;
    throw new UsageError(t.cannotWrite(journal, code ?? message));
  }
}

async function importFile(ctx: Context, settings: ImportSettings): Promise<number> {
  const { io, t } = ctx;
  const past = settings.dryRun ? new Map<number, PastRow>() : await pastRows(t, settings);
  const dp = settings.dryRun ? undefined : clientFrom(ctx.flags, io.env, settings.timeout);
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
  const { tally, failed, interrupted } = await sendPass(ctx, settings, dp, past, checked.toSend);
  io.stdout.write(
    ctx.flags.json
      ? `${JSON.stringify({ ...tally.toJSON(), failedFile: failed ?? null, journal: settings.journal }, null, 2)}\n`
      : summaryText(t, tally, { journal: settings.journal, failed }),
  );

  if (interrupted) return EXIT.interrupted;
  return tally.complete ? EXIT.ok : EXIT.failed;
}
