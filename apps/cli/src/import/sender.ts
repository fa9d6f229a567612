import type { CreateCustomerRequest, DigitalPaye } from '@digitalpaye/client';
import { describeFailure, type Failure } from '../failure.js';
import type { FailedRowsWriter } from './failed-rows.js';
import type { JournalWriter } from './journal.js';
import type { SourceRow } from './source.js';
import type { Tally } from './tally.js';

/** How many times one row waits out a 429 before it is recorded as failed. */
const MAX_RATE_LIMIT_WAITS = 8;
/** Longest wait for one 429, whatever `Retry-After` says. */
const MAX_WAIT_SECONDS = 60;

/** Why the sender stopped taking rows: credentials refused, or the API out of reach. */
export type Halt = { kind: 'credentials' | 'unreachable'; message: string };

export interface SenderEvents {
  rateLimited(seconds: number): void;
  halted(halt: Halt): void;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function haltFor(failure: Failure): Halt | undefined {
  if (failure.httpStatus === 401 || failure.httpStatus === 403) {
    return { kind: 'credentials', message: failure.error };
  }
  if (failure.name === 'ConnectionError') return { kind: 'unreachable', message: failure.error };
  return undefined;
}

/**
 * Sends rows one call each and records every step in the journal: a
 * `sending` entry before each call, then its outcome. A 429 pauses every
 * row for the `Retry-After` the server asked; a call that may have reached
 * the server unanswered is `unknown` and never repeated here.
 */
export class RowSender {
  #pausedUntil = 0;
  halt: Halt | undefined;

  constructor(
    private readonly dp: DigitalPaye,
    private readonly journal: JournalWriter,
    private readonly failedRows: FailedRowsWriter,
    private readonly tally: Tally,
    private readonly events: SenderEvents,
  ) {}

  async send(source: SourceRow, customer: CreateCustomerRequest, hash: string): Promise<void> {
    const entry = { event: 'row', row: source.row, line: source.line, hash } as const;
    const at = () => new Date().toISOString();

    for (let waits = 0; ; waits += 1) {
      while (Date.now() < this.#pausedUntil) await sleep(this.#pausedUntil - Date.now());
      this.journal.write({ ...entry, at: at(), status: 'sending' });

      let failure: Failure;
      try {
        const created = await this.dp.customers.create(customer);
        this.journal.write({ ...entry, at: at(), status: 'created', customerId: created.id });
        this.tally.created += 1;
        return;
      } catch (error) {
        failure = describeFailure(error);
      }

      const { retryAfter, name: _name, ...recorded } = failure;
      const status = failure.outcome === 'unknown' ? 'unknown' : 'failed';
      this.journal.write({ ...entry, at: at(), status, ...recorded });

      if (status === 'failed' && failure.httpStatus === 429 && waits < MAX_RATE_LIMIT_WAITS) {
        this.#pause(Math.min(retryAfter ?? 2 ** waits, MAX_WAIT_SECONDS));
        continue;
      }

      if (status === 'unknown') this.tally.addUnknown(source.line);
      else {
        const reason = [failure.httpStatus, failure.code].filter(Boolean).join(' ');
        const text = failure.reason ? `${reason}: ${failure.reason}` : failure.error;
        this.failedRows.add(source.line, source.values, text);
        this.tally.failed += 1;
      }
      const halt = haltFor(failure);
      if (halt && !this.halt) {
        this.halt = halt;
        this.events.halted(halt);
      }
      return;
    }
  }

  #pause(seconds: number): void {
    const until = Date.now() + seconds * 1000;
    if (until <= this.#pausedUntil) return;
    this.#pausedUntil = until;
    this.events.rateLimited(seconds);
  }
}
