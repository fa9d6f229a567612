import * as v from 'valibot';
import { ResponseValidationError, type ValidationIssue } from './errors.js';
import type { CreateCustomerRequest } from './generated/types.gen.js';
import { vCreateCustomerRequest } from './generated/valibot.gen.js';
import type { Logger } from './logger.js';
import type { ResponseValidation } from './options.js';

export type ValidationResult<T> =
  | { success: true; output: T }
  | { success: false; issues: ValidationIssue[] };

type Issue = v.BaseIssue<unknown>;

function kindOf(input: unknown): string {
  if (input === null) return 'null';
  return Array.isArray(input)
    ? 'an array'
    : typeof input === 'object'
      ? 'an object'
      : `a ${typeof input}`;
}

/** Says what is wrong and how to fix it, without echoing the value (it may be personal data). */
function explain(issue: Issue, path: string): string {
  if (issue.received === 'undefined') return 'is required';
  if (issue.type === 'strict_object' && issue.expected === 'never') {
    return 'is not a field the API accepts: remove it or fix its spelling';
  }
  if (issue.type === 'min_length') return 'must not be empty';
  if (issue.type === 'email') return 'must be an email address, like name@example.com';
  if (path.endsWith('countryCode')) {
    return 'must be a two-letter ISO 3166-1 alpha-2 country code, like CI';
  }
  if (issue.kind === 'schema') {
    return `must be ${issue.expected === 'Object' ? 'an object' : issue.expected}, not ${kindOf(issue.input)}`;
  }
  return `must match ${issue.expected ?? issue.type}`;
}

function requestIssues(issues: readonly Issue[]): ValidationIssue[] {
  return issues.map((issue) => {
    const path = v.getDotPath(issue) ?? '';
    return { path, message: explain(issue, path) };
  });
}

/**
 * ISO 3166-1 codes are upper case; a code of two ASCII letters such as `ci` is
 * upper-cased before validation rather than refused, since the meaning is
 * unambiguous. The caller's object is not modified.
 */
function normalizeCountryCode(input: unknown): unknown {
  const address = (input as { address?: { countryCode?: unknown } } | null)?.address;
  const code = address?.countryCode;
  // Two ASCII letters only: 'ß' or 'cı' must not become a valid code by upper-casing.
  if (typeof code !== 'string' || !/^[a-z]{2}$/i.test(code)) return input;
  return { ...(input as object), address: { ...address, countryCode: code.toUpperCase() } };
}

/**
 * valibot's object schemas take an array for an object, and would then blame
 * its missing keys; an array where an object belongs is named at its own path.
 */
function arrayIssues(input: unknown): ValidationIssue[] {
  const message = 'must be an object, not an array';
  if (Array.isArray(input)) return [{ path: '', message }];
  const address = (input as { address?: unknown } | null)?.address;
  return Array.isArray(address) ? [{ path: 'address', message }] : [];
}

const within = (path: string, parent: string) =>
  parent === '' || path === parent || path.startsWith(`${parent}.`);

/**
 * Checks a customer input against the schema generated from the spec,
 * without sending anything. Every bad field is listed with its dotted path
 * and the fix. A lower-case `address.countryCode` is upper-cased in `output`.
 *
 * @example
 * const result = validateCreateCustomer(input);
 * const problems = result.success ? [] : result.issues.map((i) => `${i.path}: ${i.message}`);
 */
export function validateCreateCustomer(input: unknown): ValidationResult<CreateCustomerRequest> {
  // valibot reports every issue unless told to stop at the first.
  const result = v.safeParse(vCreateCustomerRequest, normalizeCountryCode(input));
  const arrays = arrayIssues(input);
  if (arrays.length === 0) {
    return result.success
      ? { success: true, output: result.output }
      : { success: false, issues: requestIssues(result.issues) };
  }

  const others = result.success ? [] : requestIssues(result.issues);
  const unrelated = others.filter((issue) => !arrays.some((a) => within(issue.path, a.path)));
  return { success: false, issues: [...arrays, ...unrelated] };
}

/** Where a 2xx body came from, for the warning or the error. */
export interface ResponseOrigin {
  method: string;
  path: string;
  status: number;
  requestId: string | undefined;
}

export type ResponseCheck = (
  schema: v.GenericSchema,
  body: unknown,
  origin: ResponseOrigin,
) => void;

/**
 * Checks 2xx bodies against the generated schemas. Issues name the field and
 * what was expected, never the value received: it may be a token.
 */
export function createResponseCheck(
  mode: ResponseValidation,
  logger: Logger | undefined,
): ResponseCheck {
  // In 'warn' mode a mismatch goes to the logger alone; with no logger, nobody would
  // see it, so the check is not worth its cost on every call.
  if (mode === 'off' || (mode === 'warn' && logger === undefined)) return () => {};

  return (schema, body, origin) => {
    const result = v.safeParse(schema, body);
    if (result.success) return;

    const issues = result.issues.map((issue) => ({
      path: v.getDotPath(issue) ?? '',
      message: `expected ${issue.expected ?? issue.type}`,
    }));
    const { method, path, status, requestId } = origin;
    if (mode === 'warn') {
      logger?.warn('response does not match the spec', { method, path, status, issues });
      return;
    }
    const list = issues.map((issue) => `${issue.path || '(body)'} ${issue.message}`).join('; ');
    throw new ResponseValidationError(
      `${method} ${path} answered ${status} with a body that does not match the spec: ${list}`,
      { method, path, status, requestId, outcome: 'unknown' },
      issues,
    );
  };
}
