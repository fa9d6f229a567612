import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import { COLUMNS, type FlatRow } from './columns.js';

/** The header of a failed-rows file; a file starting with it is one this tool wrote. */
export const FAILED_ROWS_HEADER: readonly string[] = [...COLUMNS, 'line', 'error'];

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Makes a cell safe to open in a spreadsheet: one that would start a
 * formula (`=`, `+`, `-`, `@`, tab, carriage return) gets a leading `'`.
 * Importing a failed-rows file takes that `'` off again, so the file
 * round-trips; in any other file a leading `'` is kept as part of the value.
 */
export function neutralise(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * Writes the rows that failed to a CSV with the import's own columns plus
 * the source line and the reason, ready to fix and import again. The file
 * is created on the first failure; a stale one from an earlier run is
 * removed at the start.
 */
export class FailedRowsWriter {
  readonly #path: string;
  readonly #delimiter: string;
  #fd: number | undefined;
  count = 0;

  constructor(path: string, delimiter: string) {
    this.#path = path;
    this.#delimiter = delimiter;
    rmSync(path, { force: true });
  }

  get path(): string {
    return this.#path;
  }

  add(line: number, values: FlatRow, reason: string): void {
    if (this.#fd === undefined) {
      this.#fd = openSync(this.#path, 'w', 0o600);
      // The BOM makes spreadsheet programs read the file as UTF-8.
      writeSync(this.#fd, `\uFEFF${this.#row([...FAILED_ROWS_HEADER])}`);
    }
    const cells = [...COLUMNS.map((column) => values[column]), line, reason];
    writeSync(this.#fd, this.#row(cells));
    this.count += 1;
  }

  #row(cells: unknown[]): string {
    return stringify([cells.map(neutralise)], {
      delimiter: this.#delimiter,
      record_delimiter: '\r\n',
    });
  }

  close(): void {
    if (this.#fd !== undefined) closeSync(this.#fd);
  }
}
