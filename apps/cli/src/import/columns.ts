import { type CreateCustomerRequest, validateCreateCustomer } from '@digitalpaye/client';

type Address = CreateCustomerRequest['address'];
type FlatKey = Exclude<keyof CreateCustomerRequest, 'address'> | keyof Address;

/**
 * The flat columns of an import file: the customer's fields, with the
 * address fields side by side. Which ones are required, and what a valid
 * value is, comes from the spec through `validateCreateCustomer`.
 */
export const COLUMNS = [
  'firstName',
  'lastName',
  'email',
  'phoneNumber',
  'countryCode',
  'city',
  'streetAddress',
] as const satisfies readonly FlatKey[];

export type Column = (typeof COLUMNS)[number];

// Fails to compile when the spec gains a customer field the list above lacks.
const complete: [Exclude<FlatKey, Column>] extends [never] ? true : never = true;
void complete;

export const ADDRESS_FIELDS: ReadonlySet<string> = new Set<keyof Address>([
  'countryCode',
  'city',
  'streetAddress',
]);

/** One row, flattened to the known columns; an empty cell is `undefined`. */
export type FlatRow = Partial<Record<Column, unknown>>;

const byKey = new Map<string, Column>(COLUMNS.map((column) => [column.toLowerCase(), column]));

/**
 * Matches a header name to a column: case, spaces, `_`, `-` and an
 * `address.` prefix do not matter (`First Name`, `first_name`,
 * `address.city` all match).
 */
export function columnOf(header: string): Column | undefined {
  const key = header
    .trim()
    .toLowerCase()
    .replace(/[\s_.-]/g, '');
  return byKey.get(key) ?? byKey.get(key.replace(/^address/, ''));
}

const NEUTRALISED = /^'[=+\-@\t\r]/;

/**
 * Cleans one cell as a spreadsheet user means it: surrounding spaces
 * dropped and an empty cell is no value. With `neutralised` (the cell comes
 * from a failed-rows file this tool wrote), the `'` it put before
 * formula-like cells is taken off again; elsewhere a leading `'` is data.
 */
export function cleanCell(value: unknown, neutralised = false): unknown {
  if (typeof value !== 'string') return value;
  const trimmed = neutralised && NEUTRALISED.test(value) ? value.slice(1) : value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Builds the request body from a flat row, address fields nested. */
export function toCustomer(row: FlatRow): Record<string, unknown> {
  const customer: Record<string, unknown> = {};
  const address: Record<string, unknown> = {};
  for (const column of COLUMNS) {
    if (ADDRESS_FIELDS.has(column)) address[column] = row[column];
    else customer[column] = row[column];
  }
  customer.address = address;
  return customer;
}

/** A problem with one field of a row, named by its column. */
export interface RowIssue {
  field: string;
  /** `undefined` when the problem is an empty cell. */
  message: string | undefined;
}

export type CheckedRow =
  | { valid: true; customer: CreateCustomerRequest }
  | { valid: false; issues: RowIssue[] };

function fieldOf(path: string): string {
  const last = path.split('.').pop() ?? path;
  return columnOf(last) ?? (path || '(row)');
}

/** Validates a flat row against the spec; every bad field is listed. */
export function checkRow(row: FlatRow): CheckedRow {
  const result = validateCreateCustomer(toCustomer(row));
  if (result.success) return { valid: true, customer: result.output };

  const issues = result.issues.map((issue) => {
    const field = fieldOf(issue.path);
    const empty = row[field as Column] === undefined;
    return { field, message: empty ? undefined : issue.message };
  });
  return { valid: false, issues };
}

/**
 * The columns a file must have: those the spec refuses to leave out,
 * found by validating a row where every column is empty.
 */
export function requiredColumns(): Column[] {
  const checked = checkRow({});
  if (checked.valid) return [];
  return COLUMNS.filter((column) => checked.issues.some((issue) => issue.field === column));
}
