import type { Messages } from '../messages.js';

/** Lines listed by number in the summary; the journal has them all. */
const LISTED_LINES = 20;

/** Counts of what happened to the rows of one run, with the first lines of each problem. */
export class Tally {
  rows = 0;
  created = 0;
  alreadyCreated = 0;
  failed = 0;
  invalid = 0;
  unknown = 0;
  notAttempted = 0;
  readonly invalidLines: number[] = [];
  readonly unknownLines: number[] = [];

  addInvalid(line: number): void {
    this.invalid += 1;
    if (this.invalidLines.length < LISTED_LINES) this.invalidLines.push(line);
  }

  addUnknown(line: number): void {
    this.unknown += 1;
    if (this.unknownLines.length < LISTED_LINES) this.unknownLines.push(line);
  }

  /** True when every row of the file is now created. */
  get complete(): boolean {
    return this.failed + this.invalid + this.unknown + this.notAttempted === 0;
  }

  toJSON() {
    const { rows, created, alreadyCreated, failed, invalid, unknown, notAttempted } = this;
    const { invalidLines, unknownLines } = this;
    return {
      rows,
      created,
      alreadyCreated,
      failed,
      invalid,
      unknown,
      notAttempted,
      invalidLines,
      unknownLines,
    };
  }
}

/** The end-of-run summary for a person: counts, then where to look next. */
export function summaryText(
  t: Messages,
  tally: Tally,
  files: { journal: string; failed: string | undefined },
): string {
  const lines = (listed: number[], total: number) => t.lines(listed, total - listed.length);
  const rows: [string, number, string][] = [
    [t.summaryCreated, tally.created, ''],
    [t.summaryAlready, tally.alreadyCreated, ''],
    [t.summaryFailed, tally.failed, ''],
    [t.summaryInvalid, tally.invalid, lines(tally.invalidLines, tally.invalid)],
    [t.summaryUnknown, tally.unknown, lines(tally.unknownLines, tally.unknown)],
    [t.summaryNotAttempted, tally.notAttempted, ''],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const body = rows
    .filter(([, count], i) => count > 0 || i === 0)
    .map(
      ([label, count, detail]) =>
        `  ${label.padEnd(width)}  ${String(count).padStart(6)}${detail && `  (${detail})`}`,
    );
  const notes = [
    files.failed && t.summaryFailedFile(files.failed),
    t.summaryJournal(files.journal),
    tally.unknown > 0 && t.summaryUnknownHint(lines(tally.unknownLines, tally.unknown)),
    tally.notAttempted > 0 && t.summaryResumeHint,
  ].filter(Boolean);
  return `\n${t.summaryTitle}\n${body.join('\n')}\n\n${notes.join('\n')}\n`;
}
