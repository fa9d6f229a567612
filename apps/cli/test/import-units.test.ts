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

  it("takes off the ' that neutralised a formula-like cell in a failed-rows file", () => {
    expect(cleanCell("'+2250700000001", true)).toBe('+2250700000001');
    expect(cleanCell("'=SUM(A1)", true)).toBe('=SUM(A1)');
    expect(cleanCell("N'Guessan", true)).toBe("N'Guessan");
  });

  it("keeps a leading ' in any other file, where it is part of the value", () => {
    expect(cleanCell("'-lot 5")).toBe("'-lot 5");
    expect(cleanCell("'+225")).toBe("'+225");
    expect(cleanCell("'@home ")).toBe("'@home");
  });
});

describe('neutralise', () => {
  it.each(['=1+1', '+225', '-2', '@SUM(A1)', '\tx', '\rx'])('prefixes %j with a quote', (cell) => {
    expect(neutralise(cell)).toBe(`'${cell}`);
  });

  it('leaves other cells alone and round-trips through cleanCell', () => {
    expect(neutralise('Koné')).toBe('Koné');
    expect(cleanCell(neutralise('=HYPERLINK("x")'), true)).toBe('=HYPERLINK("x")');
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
  async function pastOf(lines: string[]) {
    const path = join(await tempDir(), 'journal.jsonl');
    await writeFile(path, `${lines.join('\n')}\n`);
    return readJournal(path);
  }
  const run = JSON.stringify({ event: 'run', file: 'customers.csv' });
  const entry = (status: string) =>
    JSON.stringify({ event: 'row', row: 1, line: 2, hash: 'h1', status });

  // Each sequence is the journal of row 1 across runs; `run` starts a new run.
  it.each([
    ['created', ['run', 'sending', 'created'], 'created'],
    ['created, then anything', ['run', 'sending', 'created', 'sending', 'failed'], 'created'],
    ['cut off while sending', ['run', 'sending'], 'unknown'],
    ['cut off, then a new run', ['run', 'sending', 'run'], 'unknown'],
    ['unknown (a 500)', ['run', 'sending', 'unknown'], 'unknown'],
    ['refused (a 4xx)', ['run', 'sending', 'failed'], 'retried'],
    ['invalid', ['run', 'invalid'], 'retried'],
    [
      'waited out a 429, then created',
      ['run', 'sending', 'failed', 'sending', 'created'],
      'created',
    ],
    ['waited out a 429, then cut off', ['run', 'sending', 'failed', 'sending'], 'unknown'],
    [
      'refused in one run, created in the next',
      ['run', 'sending', 'failed', 'run', 'sending', 'created'],
      'created',
    ],
    [
      'unknown, retried and created',
      ['run', 'sending', 'unknown', 'run', 'sending', 'created'],
      'created',
    ],
    [
      'unknown, retried and refused by a 429',
      ['run', 'sending', 'unknown', 'run', 'sending', 'failed'],
      'unknown',
    ],
    [
      'unknown, retried and refused by a 400',
      ['run', 'sending', 'unknown', 'sending', 'failed'],
      'unknown',
    ],
    ['unknown, then invalid', ['run', 'sending', 'unknown', 'run', 'invalid'], 'unknown'],
    ['cut off, retried and refused', ['run', 'sending', 'run', 'sending', 'failed'], 'unknown'],
    [
      'cut off twice, then created',
      ['run', 'sending', 'run', 'sending', 'run', 'sending', 'created'],
      'created',
    ],
    ['sent twice without outcome in between', ['sending', 'sending', 'failed'], 'unknown'],
  ])('a row %s (%j) counts as %s', async (_name, statuses, expected) => {
    const past = await pastOf(statuses.map((status) => (status === 'run' ? run : entry(status))));

    const status = past.get(1)?.status ?? 'retried';
    expect(status).toBe(expected);
    if (status !== 'retried') expect(past.get(1)?.hash).toBe('h1');
  });

  it('keeps rows apart and ignores a torn last line', async () => {
    const row = (n: number, status: string) =>
      JSON.stringify({ event: 'row', row: n, line: n + 1, hash: `h${n}`, status });
    const past = await pastOf([
      run,
      row(1, 'sending'),
      row(2, 'sending'),
      row(1, 'created'),
      row(3, 'sending'),
      row(2, 'unknown'),
      row(3, 'failed'),
      '{"event":"row","row":4,"li',
    ]);

    expect(Object.fromEntries(past)).toEqual({
      1: { status: 'created', hash: 'h1' },
      2: { status: 'unknown', hash: 'h2' },
    });
  });
});
