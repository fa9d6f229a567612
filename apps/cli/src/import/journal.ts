import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Outcome } from '@digitalpaye/client';
import { COLUMNS, type FlatRow } from './columns.js';

/**
 * What happened to a row. `sending` is written before the call, so a row
 * whose last entry is `sending` was cut off mid-call and counts as unknown.
 */
export type RowStatus = 'sending' | 'created' | 'failed' | 'invalid' | 'unknown';

/** One line of the journal. Never holds credentials, tokens or customer data. */
export type JournalEntry =
  | {
      event: 'run';
      at: string;
      file: string;
      environment: string;
      baseUrl: string;
      resume: boolean;
      retryUnknown: boolean;
    }
  | {
      event: 'row';
      at: string;
      row: number;
      line: number;
      /** Fingerprint of the row's values, to notice a file that changed before --resume. */
      hash: string;
      status: RowStatus;
      customerId?: string;
      outcome?: Outcome;
      httpStatus?: number;
      code?: string;
      reason?: string;
      error?: string;
      issues?: { field: string; message: string }[];
    };

/** What an earlier run settled for a row: `created` or `unknown` (both are not sent again). */
export interface PastRow {
  status: 'created' | 'unknown';
  hash: string;
}

/** A short fingerprint of a row's values, in column order. */
export function rowHash(values: FlatRow): string {
  const json = JSON.stringify(COLUMNS.map((column) => values[column] ?? null));
  return createHash('sha256').update(json).digest('base64url').slice(0, 16);
}

/** What the journal says so far about one row, as its entries are read in order. */
interface RowTrace {
  hash: string;
  created: boolean;
  /** Once unknown, a row stays unknown: only a later `created` settles it. */
  unknown: boolean;
  /** A `sending` entry not yet followed by its outcome. */
  pending: boolean;
}

/**
 * Reads a journal line by line and keeps, per row, whether it was created
 * or may have been. The rules, in order of the entries:
 * - `created` settles the row for good, whatever follows;
 * - `unknown` makes it unknown, and a later `failed` or `invalid` does not
 *   undo that (the first call may still have created the customer);
 * - `sending` without an outcome before the next `sending` or the next run
 *   (or the end of the journal) counts as `unknown` too;
 * - `failed` or `invalid` alone leave the row free to be sent again.
 * A torn last line is ignored.
 */
export async function readJournal(path: string): Promise<Map<number, PastRow>> {
  const traces = new Map<number, RowTrace>();
  const lines = createInterface({
    input: createReadStream(path),
    crlfDelay: Number.POSITIVE_INFINITY,
  });

  for await (const text of lines) {
    let entry: JournalEntry;
    try {
      entry = JSON.parse(text) as JournalEntry;
    } catch {
      continue;
    }
    if (entry.event === 'run') {
      // A new run: calls the previous one left without an outcome were cut off.
      for (const trace of traces.values()) {
        trace.unknown ||= trace.pending;
        trace.pending = false;
      }
      continue;
    }
    if (entry.event !== 'row') continue;

    const trace = traces.get(entry.row);
    if (trace?.created) continue;
    if (!trace) {
      traces.set(entry.row, {
        hash: entry.hash,
        created: entry.status === 'created',
        unknown: entry.status === 'unknown',
        pending: entry.status === 'sending',
      });
      continue;
    }
    if (!trace.unknown) trace.hash = entry.hash;
    if (entry.status === 'created') {
      trace.created = true;
      trace.hash = entry.hash;
    }
    if (entry.status === 'unknown' || (entry.status === 'sending' && trace.pending)) {
      trace.unknown = true;
    }
    trace.pending = entry.status === 'sending';
  }

  const rows = new Map<number, PastRow>();
  for (const [row, trace] of traces) {
    if (trace.created) rows.set(row, { status: 'created', hash: trace.hash });
    else if (trace.unknown || trace.pending) rows.set(row, { status: 'unknown', hash: trace.hash });
  }
  return rows;
}

/**
 * Appends entries to the journal with synchronous writes: once `write`
 * returns, the entry survives the process being killed.
 */
export class JournalWriter {
  readonly #fd: number;

  constructor(path: string) {
    this.#fd = openSync(path, 'a', 0o600);
  }

  write(entry: JournalEntry): void {
    writeSync(this.#fd, `${JSON.stringify(entry)}\n`);
  }

  close(): void {
    closeSync(this.#fd);
  }
}

/** Another live process holds the journal's lock. */
export class JournalBusyError extends Error {
  constructor(
    readonly lockFile: string,
    readonly pid: number,
  ) {
    super(`journal locked by process ${pid} (${lockFile})`);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes `JOURNAL.lock` so that two runs never send the same file at once.
 * A lock left by a process that no longer exists (killed) is taken over.
 * Returns the release function; the lock also goes when the process exits.
 */
export function lockJournal(journal: string): () => void {
  const lockFile = `${journal}.lock`;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(lockFile, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      const release = () => rmSync(lockFile, { force: true });
      process.once('exit', release);
      return () => {
        process.off('exit', release);
        release();
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(lockFile, 'utf8'));
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) throw new JournalBusyError(lockFile, pid);
      rmSync(lockFile, { force: true });
    }
  }
  throw new JournalBusyError(lockFile, 0);
}
