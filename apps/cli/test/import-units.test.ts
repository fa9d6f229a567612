import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRow, cleanCell, columnOf, requiredColumns } from '../src/import/columns.js';
import { neutralise } from '../src/import/failed-rows.js';
import { readJournal } from '../src/import/journal.js';
import { formatDuration, progressBar, progressLine } from '../src/import/progress.js';
import { languageOf, messagesFor } from '../src/messages.js';
import { HEADER } from './fixtures.js';
import { tempDir } from './run-cli.js';

const en = messagesFor('en');

describe('columnOf', () => {
  it.each([
    ['firstName', 'firstName'],
    ['FIRSTNAME', 'firstName'],
    ['First Name', 'firstName'],
    ['first_name', 'firstName'],
    ['Address.CountryCode', 'countryCode'],
    [' streetAddress ', 'streetAddress'],
  ])('matches the header %j to %s', (header, column) => {
    expect(columnOf(header)).toBe(column);
  });

  it('matches nothing for an unknown header', () => {
    expect(columnOf('notes')).toBeUndefined();
  });
});

describe('cleanCell', () => {
  it('trims spaces and turns an empty cell into no value', () => {
    expect(cleanCell('  Aya ')).toBe('Aya');
    expect(cleanCell('   ')).toBeUndefined();
  });

  it("takes off the ' that neutralised a formula-like cell", () => {
    expect(cleanCell("'+2250700000001")).toBe('+2250700000001');
    expect(cleanCell("'=SUM(A1)")).toBe('=SUM(A1)');
    expect(cleanCell("N'Guessan")).toBe("N'Guessan");
  });
});

describe('neutralise', () => {
  it.each(['=1+1', '+225', '-2', '@SUM(A1)', '\tx', '\rx'])('prefixes %j with a quote', (cell) => {
    expect(neutralise(cell)).toBe(`'${cell}`);
  });

  it('leaves other cells alone and round-trips through cleanCell', () => {
    expect(neutralise('Koné')).toBe('Koné');
    expect(cleanCell(neutralise('=HYPERLINK("x")'))).toBe('=HYPERLINK("x")');
  });
});

describe('checkRow', () => {
  it('names the empty cell and the badly formed one', () => {
    const checked = checkRow({ firstName: 'Aya', email: 'aya-at-example.com' });

    expect(checked.valid).toBe(false);
    const issues = checked.valid ? [] : checked.issues;
    expect(issues).toContainEqual({ field: 'lastName', message: undefined });
    expect(issues).toContainEqual({ field: 'email', message: expect.stringMatching(/email/i) });
    expect(issues).toContainEqual({ field: 'countryCode', message: undefined });
  });

  it('takes the required columns from the spec', () => {
    expect(requiredColumns()).toEqual(HEADER);
  });
});

describe('progress', () => {
  const counts = { done: 50, failed: 2, total: 200 };

  it('draws a bar with done, failed, rate and ETA', () => {
    expect(progressBar(en, counts, 10_000, 8)).toBe('██░░░░░░ 50/200  2 failed  5.0/s  ETA 0:30');
  });

  it('writes a plain line for logs', () => {
    expect(progressLine(en, counts, 10_000)).toBe('50/200 done, 2 failed, 5.0 rows/s, ETA 0:30');
  });

  it('formats long and unknown durations', () => {
    expect(formatDuration(3723)).toBe('1:02:03');
    expect(formatDuration(Number.NaN)).toBe('--:--');
  });
});

describe('languageOf', () => {
  it('is French when the locale starts with fr, in POSIX order', () => {
    expect(languageOf({ LANG: 'fr_CI.UTF-8' })).toBe('fr');
    expect(languageOf({ LANG: 'fr_FR.UTF-8', LC_ALL: 'en_US.UTF-8' })).toBe('en');
    expect(languageOf({})).toBe('en');
  });
});

describe('readJournal', () => {
  it('keeps created rows, counts a row cut off while sending as unknown, and retries the rest', async () => {
    const path = join(await tempDir(), 'journal.jsonl');
    const row = (n: number, status: string) =>
      JSON.stringify({ event: 'row', row: n, line: n + 1, hash: `h${n}`, status });
    const lines = [
      JSON.stringify({ event: 'run', file: 'customers.csv' }),
      row(1, 'sending'),
      row(1, 'created'),
      row(1, 'failed'),
      row(2, 'sending'),
      row(3, 'sending'),
      row(3, 'failed'),
      row(4, 'unknown'),
      '{"event":"row","row":5,"li',
    ];
    await writeFile(path, `${lines.join('\n')}\n`);

    const past = await readJournal(path);

    expect(Object.fromEntries(past)).toEqual({
      1: { status: 'created', hash: 'h1' },
      2: { status: 'unknown', hash: 'h2' },
      4: { status: 'unknown', hash: 'h4' },
    });
  });
});
