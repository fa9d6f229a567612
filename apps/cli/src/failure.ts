import { DigitalPayeError, type Outcome } from '@digitalpaye/client';

/** What the CLI records about a failed call: nothing but the client's own safe fields. */
export interface Failure {
  /** The error class, e.g. `ConnectionError`. */
  name: string;
  outcome: Outcome;
  httpStatus?: number;
  code?: string;
  reason?: string;
  error: string;
  /** Seconds to wait before trying again, for a 429. */
  retryAfter?: number;
}

/**
 * Reads a thrown error into a {@link Failure}. Anything that is not a
 * DigitalPayeError counts as `unknown`: the call may have gone out.
 */
export function describeFailure(error: unknown): Failure {
  if (!(error instanceof DigitalPayeError)) {
    const name = error instanceof Error ? error.name : 'Error';
    return {
      name,
      outcome: 'unknown',
      error: error instanceof Error ? error.message : String(error),
    };
  }
  // RateLimitError carries `retryAfter`; read it without depending on the class.
  const retryAfter = (error as { retryAfter?: unknown }).retryAfter;
  return {
    name: error.name,
    outcome: error.outcome,
    httpStatus: error.status,
    code: error.code,
    reason: error.reason,
    error: error.message,
    retryAfter: typeof retryAfter === 'number' && retryAfter >= 0 ? retryAfter : undefined,
  };
}
