import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FaultServer } from '@digitalpaye/testkit';
import { customerFor } from './fixtures.js';

const HEADER = 'firstName;lastName;email;phoneNumber;countryCode;city;streetAddress';

/** Writes a semicolon CSV of `rows` fictitious customers; row n has email `import.n@example.com`. */
export function writeImportCsv(dir: string, rows: number, tag = 'import'): string {
  const lines = [HEADER];
  for (let n = 1; n <= rows; n++) {
    const c = customerFor(n, tag);
    const street = `"${c.address.streetAddress}; bâtiment ${n % 7}"`;
    lines.push(
      [c.firstName, c.lastName, c.email, c.phoneNumber, 'CI', c.address.city, street].join(';'),
    );
  }
  const file = join(dir, `${tag}.csv`);
  writeFileSync(file, `${lines.join('\r\n')}\r\n`);
  return file;
}

/** One row's entry in the journal. */
export interface JournalRow {
  event: 'row';
  row: number;
  line: number;
  status: 'sending' | 'created' | 'failed' | 'invalid' | 'unknown';
  customerId?: string;
  outcome?: string;
  reason?: string;
  error?: string;
}

/** The last entry of each row in a journal, by row number. */
export function lastEntries(journal: string): Map<number, JournalRow> {
  const rows = new Map<number, JournalRow>();
  for (const text of readFileSync(journal, 'utf8').split('\n')) {
    if (text.trim() === '') continue;
    const entry = JSON.parse(text) as JournalRow | { event: string };
    if (entry.event === 'row') rows.set((entry as JournalRow).row, entry as JournalRow);
  }
  return rows;
}

/** How many `/v1/customer` requests carried each email: sends, whatever came of them. */
export function sentByEmail(server: FaultServer): Map<string, number> {
  const counts = new Map<string, number>();
  for (const request of server.requests) {
    const email = (request.body as { email?: unknown } | undefined)?.email;
    if (typeof email === 'string') counts.set(email, (counts.get(email) ?? 0) + 1);
  }
  return counts;
}
