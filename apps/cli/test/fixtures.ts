import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

export const HEADER = [
  'firstName',
  'lastName',
  'email',
  'phoneNumber',
  'countryCode',
  'city',
  'streetAddress',
];

/** The cells of the fictitious customer number `i`; its email is unique to it. */
export function customerCells(i: number): string[] {
  return [
    `Prénom${i}`,
    `Nom${i}`,
    `client${i}@example.com`,
    `07${String(i).padStart(8, '0')}`,
    'CI',
    'Abidjan',
    `Cocody, lot ${i}`,
  ];
}

/**
 * Writes a CSV of `rows` fictitious customers to `path`, streaming, with
 * quoted cells; `invalid` row numbers (1-based) get a broken email. With
 * `notes`, each row also gets a `notes` column of that many bytes, a column
 * the import ignores, as spreadsheets exports often carry.
 */
export async function writeCustomersCsv(
  path: string,
  rows: number,
  options: { delimiter?: string; invalid?: number[]; notes?: number } = {},
): Promise<void> {
  const delimiter = options.delimiter ?? ',';
  const invalid = new Set(options.invalid ?? []);
  const out = createWriteStream(path);
  const line = (cells: string[]) => `${cells.map((c) => `"${c}"`).join(delimiter)}\n`;
  const notes = options.notes ? 'x'.repeat(options.notes) : undefined;
  out.write(line(notes ? [...HEADER, 'notes'] : HEADER));
  for (let i = 1; i <= rows; i += 1) {
    const cells = customerCells(i);
    if (invalid.has(i)) cells[2] = `client${i}-at-example.com`;
    if (notes) cells.push(notes);
    if (!out.write(line(cells))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
