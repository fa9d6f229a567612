/**
 * What the server may have done with a request that failed:
 * - `not-sent`: nothing reached the server (bad input, configuration,
 *   connection refused, aborted before sending);
 * - `refused`: the server answered with a 4xx status and did not act;
 * - `unknown`: the request may have been acted on (timeout or reset after
 *   sending, a 5xx answer). Do not resend a non-idempotent call blindly.
 */
export type Outcome = 'not-sent' | 'refused' | 'unknown';

/** One problem found in an input, with the dotted path of the field. */
export interface ValidationIssue {
  /** Dotted field path, e.g. `address.countryCode`; empty for the whole input. */
  path: string;
  message: string;
}

/** Fields every {@link DigitalPayeError} can carry besides its message. */
export interface DigitalPayeErrorDetails {
  status?: number;
  code?: string;
  reason?: string;
  method?: string;
  path?: string;
  requestId?: string;
  outcome?: Outcome;
  cause?: unknown;
}

/**
 * Base class of every error the client throws. `status`, `code` (the
 * envelope's `message`) and `reason` (the server's own text) are copied from
 * the response; credentials never are.
 */
export class DigitalPayeError extends Error {
  override readonly name: string = 'DigitalPayeError';
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly reason: string | undefined;
  readonly method: string | undefined;
  readonly path: string | undefined;
  readonly requestId: string | undefined;
  readonly outcome: Outcome;

  constructor(message: string, details: DigitalPayeErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status;
    this.code = details.code;
    this.reason = details.reason;
    this.method = details.method;
    this.path = details.path;
    this.requestId = details.requestId;
    this.outcome = details.outcome ?? 'unknown';
  }
}

/** True for any error thrown by this client. */
export function isDigitalPayeError(error: unknown): error is DigitalPayeError {
  return error instanceof DigitalPayeError;
}

/** Thrown at construction when an option is missing or invalid. */
export class ConfigurationError extends DigitalPayeError {
  override readonly name = 'ConfigurationError';

  constructor(message: string) {
    super(message, { outcome: 'not-sent' });
  }
}

/** Thrown before sending when the input breaks the spec; lists every bad field. */
export class RequestValidationError extends DigitalPayeError {
  override readonly name = 'RequestValidationError';
  readonly issues: readonly ValidationIssue[];

  constructor(what: string, issues: readonly ValidationIssue[]) {
    const list = issues.map((i) => `${i.path || '(input)'}: ${i.message}`).join('; ');
    super(`${what} is invalid, nothing was sent: ${list}`, { outcome: 'not-sent' });
    this.issues = issues;
  }
}
