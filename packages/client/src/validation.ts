import * as v from 'valibot';
import type { ValidationIssue } from './errors.js';
import type { CreateCustomerRequest } from './generated/types.gen.js';
import { vCreateCustomerRequest } from './generated/valibot.gen.js';

export type ValidationResult<T> =
  | { success: true; output: T }
  | { success: false; issues: ValidationIssue[] };

function toIssues(issues: readonly v.BaseIssue<unknown>[]): ValidationIssue[] {
  return issues.map((issue) => ({
    path: v.getDotPath(issue) ?? '',
    message: issue.message,
  }));
}

/**
 * Checks a customer input against the schema generated from the spec,
 * without sending anything. Every bad field is listed.
 */
export function validateCreateCustomer(input: unknown): ValidationResult<CreateCustomerRequest> {
  const result = v.safeParse(vCreateCustomerRequest, input, { abortEarly: false });
  return result.success
    ? { success: true, output: result.output }
    : { success: false, issues: toIssues(result.issues) };
}
