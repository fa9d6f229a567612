import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline, Transform, type TransformCallback } from 'node:stream';
import { parse } from 'csv-parse';
import {
  ADDRESS_FIELDS,
  type Column,
  cleanCell,
  columnOf,
  type FlatRow,
  type RowIssue,
} from './columns.js';
import { FAILED_ROWS_HEADER } from './failed-rows.js';

/** A file the import cannot read as a whole; the CLI exits 2 with this. */
export class FileError extends Error {
  constructor(
    readonly kind: 'not-utf8' | 'csv' | 'too-long' | 'empty' | 'duplicate-column',
    readonly line: number,
    readonly detail = '',
  ) {
    super(`${kind} at line ${line}${detail ? `: ${detail}` : ''}`);
  }
}

export type Format = 'csv' | 'jsonl';
export type Delimiter = ',' | ';' | '\t';

export interface SourceOptions {
  format: Format;
  /** Detected from the header line when absent. */
  delimiter?: Delimiter;
}

/** One data row of the file. */
export interface SourceRow {
  /** 1-based number of the data row (the header is not counted). */
  row: number;
  /** Line of the file where the row starts, as an editor shows it. */
  line: number;
  values: FlatRow;
  /** Problems with the row's shape itself, found before any field check. */
  shapeIssues?: ShapeIssue[];
  /** JSON lines: keys ignored for the first time on this row, after the first row. */
  ignored?: string[];
}

/** A shape problem: `field` is the column or JSON path at fault, `(row)` for the whole row. */
export type ShapeIssue = RowIssue & { message: string };

/** What is known about the file once its header (or first row) is read. */
export interface SourceHeader {
  columns: Column[];
  ignored: string[];
  delimiter?: Delimiter;
}

/** Longest record or line accepted; a longer one means this is not a customer file. */
export const MAX_RECORD_BYTES = 1024 * 1024;

/** Passes bytes through unchanged, failing on the first byte that is not UTF-8. */
class Utf8Check extends Transform {
  readonly #decoder = new TextDecoder('utf-8', { fatal: true });

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    try {
      this.#decoder.decode(chunk, { stream: true });
      done(null, chunk);
    } catch {
      done(new FileError('not-utf8', 0));
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      this.#decoder.decode();
      done();
    } catch {
      done(new FileError('not-utf8', 0));
    }
  }
}

const DELIMITERS: readonly Delimiter[] = [',', ';', '\t'];

/** The file's first line, without a BOM, read from at most its first 64 KiB. */
async function firstLineOf(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, bytesRead).toString('utf8');
    return (text.split(/\r?\n/)[0] ?? '').replace(/^\uFEFF/, '');
  } finally {
    await handle.close();
  }
}

/** The delimiter an Excel `sep=;` first line names, if the file starts with one. */
function sepLineDelimiter(firstLine: string): Delimiter | undefined {
  const match = /^sep=(.)$/i.exec(firstLine);
  return DELIMITERS.find((delimiter) => delimiter === match?.[1]);
}

/**
 * Takes the delimiter from an Excel `sep=` first line, or else picks `,`,
 * `;` or tab, whichever the header line uses most.
 */
export async function detectDelimiter(file: string): Promise<Delimiter> {
  const firstLine = await firstLineOf(file);
  const sep = sepLineDelimiter(firstLine);
  if (sep) return sep;
  const outsideQuotes = firstLine.replace(/"[^"]*"/g, '');
  const count = (char: string) => outsideQuotes.split(char).length - 1;
  return DELIMITERS.reduce((best, char) => (count(char) > count(best) ? char : best), ',');
}

function mapHeader(names: string[]): { columns: (Column | undefined)[]; header: SourceHeader } {
  const columns = names.map((name) => columnOf(name));
  const seen = new Set<Column>();
  for (const column of columns) {
    if (!column) continue;
    if (seen.has(column)) throw new FileError('duplicate-column', 1, column);
    seen.add(column);
  }
  const ignored = names.filter((name, i) => !columns[i] && name.trim() !== '');
  return { columns, header: { columns: [...seen], ignored } };
}

function newlinesIn(cells: string[]): number {
  let count = 0;
  for (const cell of cells) for (const char of cell) if (char === '\n') count += 1;
  return count;
}

async function* csvRows(
  file: string,
  delimiter: Delimiter,
  onHeader: (header: SourceHeader) => void,
): AsyncGenerator<SourceRow> {
  // An Excel `sep=;` line comes before the header: it is not part of the table.
  const hasSepLine = sepLineDelimiter(await firstLineOf(file)) !== undefined;
  const parser = parse({
    bom: true,
    delimiter,
    from_line: hasSepLine ? 2 : 1,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_BYTES,
  });
  // pipeline() hands an error of any stage to the parser, whose iteration below throws it.
  pipeline(createReadStream(file), new Utf8Check(), parser, () => {});
  let columns: (Column | undefined)[] | undefined;
  let neutralised = false;
  let row = 0;

  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      if (!columns) {
        const mapped = mapHeader(record);
        columns = mapped.columns;
        neutralised = record.map((name) => name.trim()).join() === FAILED_ROWS_HEADER.join();
        onHeader({ ...mapped.header, delimiter });
        continue;
      }

      row += 1;
      const line = info.lines - newlinesIn(record);
      if (record.every((cell) => cell.trim() === '')) continue;

      const values: FlatRow = {};
      record.forEach((cell, i) => {
        const column = columns?.[i];
        if (column) values[column] = cleanCell(cell, neutralised);
      });
      const shapeIssues =
        record.length > columns.length
          ? [{ field: '(row)', message: `${record.length} cells for ${columns.length} columns` }]
          : undefined;
      yield { row, line, values, shapeIssues };
    }
  } catch (error) {
    const { code, lines, message } = error as { code?: string; lines?: number; message: string };
    if (!code?.startsWith('CSV_')) throw error;
    if (code === 'CSV_MAX_RECORD_SIZE') throw new FileError('too-long', lines ?? 0);
    throw new FileError('csv', lines ?? 0, message);
  }

  if (!columns) throw new FileError('empty', 1);
}

/** Splits a byte stream into lines, refusing any longer than {@link MAX_RECORD_BYTES}. */
async function* linesOf(file: string): AsyncGenerator<{ line: number; text: string }> {
  let pending = '';
  let line = 0;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const decode = (chunk?: Buffer) => {
    try {
      return decoder.decode(chunk, { stream: chunk !== undefined });
    } catch {
      throw new FileError('not-utf8', line + 1);
    }
  };
  for await (const chunk of createReadStream(file)) {
    pending += decode(chunk as Buffer);
    let start = 0;
    let newline = pending.indexOf('\n');
    while (newline !== -1) {
      line += 1;
      yield { line, text: pending.slice(start, newline) };
      start = newline + 1;
      newline = pending.indexOf('\n', start);
    }
    pending = pending.slice(start);
    if (pending.length > MAX_RECORD_BYTES) throw new FileError('too-long', line + 1);
  }
  pending += decode();
  if (pending !== '') yield { line: line + 1, text: pending };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const ADDRESS_HINT = [...ADDRESS_FIELDS].join(', ');

/**
 * Maps one JSON-lines row to the columns, strictly: the customer's fields
 * at the top (the CSV column names are accepted too) and an `address`
 * object holding only the address fields. Nothing is searched for deeper;
 * an unknown address field or a nested value is a shape issue, and an
 * unknown top-level key an ignored column.
 */
function mapJsonRow(
  object: Record<string, unknown>,
  values: FlatRow,
  ignored: Set<string>,
): ShapeIssue[] {
  const issues: ShapeIssue[] = [];
  const set = (column: Column, field: string, value: unknown) => {
    if (isObject(value) || Array.isArray(value)) {
      issues.push({ field, message: 'expected a value, found a nested object or list' });
    } else if (values[column] !== undefined && cleanCell(value) !== undefined) {
      issues.push({ field, message: `${column} is given twice` });
    } else {
      values[column] ??= cleanCell(value);
    }
  };

  for (const [key, value] of Object.entries(object)) {
    if (key.trim().toLowerCase() !== 'address') {
      const column = columnOf(key);
      if (column) set(column, key, value);
      else ignored.add(key);
      continue;
    }
    if (value === null) continue;
    if (!isObject(value)) {
      issues.push({ field: key, message: `expected an object with ${ADDRESS_HINT}` });
      continue;
    }
    for (const [inner, innerValue] of Object.entries(value)) {
      const column = columnOf(inner);
      const field = `${key}.${inner}`;
      if (column && ADDRESS_FIELDS.has(column)) set(column, field, innerValue);
      else issues.push({ field, message: `not an address field (${ADDRESS_HINT})` });
    }
  }
  return issues;
}

/** Distinct ignored JSON keys noted; past that, a file is not a customer export anyway. */
const MAX_IGNORED_KEYS = 100;

async function* jsonLinesRows(
  file: string,
  onHeader: (header: SourceHeader) => void,
): AsyncGenerator<SourceRow> {
  const ignored = new Set<string>();
  let row = 0;

  for await (const { line, text } of linesOf(file)) {
    const known = ignored.size;
    const trimmed = text.replace(/^\uFEFF/, '').trim();
    if (trimmed === '') continue;
    row += 1;

    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      parsed = undefined;
    }
    const values: FlatRow = {};
    const seen = ignored.size < MAX_IGNORED_KEYS ? ignored : new Set<string>();
    const shapeIssues = isObject(parsed)
      ? mapJsonRow(parsed, values, seen)
      : [{ field: '(row)', message: 'not a JSON object' }];
    if (row === 1) onHeader({ columns: [], ignored: [...ignored] });
    const newlyIgnored = row > 1 && ignored.size > known ? [...ignored].slice(known) : undefined;
    yield {
      row,
      line,
      values,
      shapeIssues: shapeIssues.length > 0 ? shapeIssues : undefined,
      ignored: newlyIgnored,
    };
  }
}

/**
 * Reads the rows of a CSV or JSON-lines file one at a time, never the
 * whole file. `onHeader` is called once, before the first row.
 */
export async function* readRows(
  file: string,
  options: SourceOptions,
  onHeader: (header: SourceHeader) => void = () => {},
): AsyncGenerator<SourceRow> {
  if (options.format === 'jsonl') {
    yield* jsonLinesRows(file, onHeader);
    return;
  }
  const delimiter = options.delimiter ?? (await detectDelimiter(file));
  yield* csvRows(file, delimiter, onHeader);
}
