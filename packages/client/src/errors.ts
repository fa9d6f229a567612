/**
 * What the server may have done with a request that failed:
 * - `not-sent`: nothing reached the server (bad input, configuration,
 *   connection refused, aborted before sending, or the token exchange that
 *   precedes the call failed);
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
  /** Parsed `Retry-After`, in seconds. */
  retryAfter?: number;
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
  /** HTTP status of the answer, when there was one. */
  declare readonly status: number | undefined;
  /** The failure envelope's `message`, e.g. `UnauthorizedError`. */
  declare readonly code: string | undefined;
  /** The failure envelope's `reason`, as the server wrote it (in French). */
  declare readonly reason: string | undefined;
  declare readonly method: string | undefined;
  declare readonly path: string | undefined;
  /** The `X-Request-Id` of the answer, when the server sent one. */
  declare readonly requestId: string | undefined;
  /** Seconds the server asked to wait (`Retry-After`), when it said. */
  declare readonly retryAfter: number | undefined;
  /** What the server may have done with the call; see {@link Outcome}. */
  declare readonly outcome: Outcome;

  constructor(
    message: string,
    { cause, outcome = 'unknown', ...fields }: DigitalPayeErrorDetails = {},
  ) {
    super(message, cause === undefined ? undefined : { cause });
    // Only the fields that are known become properties, so logs show no empty ones.
    Object.assign(this, fields, { outcome });
  }

  /** A plain object for structured logs; the message is included, the cause is not. */
  toJSON(): Record<string, unknown> {
    return { ...(this as object), message: this.message };
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
    const list = issues.map((i) => `${i.path || '(input)'} ${i.message}`).join('; ');
    super(`${what} is invalid, nothing was sent: ${list}`, { outcome: 'not-sent' });
    this.issues = issues;
  }
}

/** A 2xx answer whose body does not match the spec, with `validateResponses: 'strict'`. */
export class ResponseValidationError extends DigitalPayeError {
  override readonly name = 'ResponseValidationError';
  readonly issues: readonly ValidationIssue[];

  constructor(message: string, details: DigitalPayeErrorDetails, issues: ValidationIssue[]) {
    super(message, details);
    this.issues = issues;
  }
}

/** 401: the credentials or the access token were refused. */
export class AuthenticationError extends DigitalPayeError {
  override readonly name = 'AuthenticationError';
}

/** 403: the credentials may not do this. */
export class PermissionDeniedError extends DigitalPayeError {
  override readonly name = 'PermissionDeniedError';
}

/** 404: the path or the resource does not exist. */
export class NotFoundError extends DigitalPayeError {
  override readonly name = 'NotFoundError';
}

/** 400 or 422: the server refused the request body or headers. */
export class InvalidRequestError extends DigitalPayeError {
  override readonly name = 'InvalidRequestError';
}

/**
 * 429: too many requests. `retryAfter` is the server's `Retry-After` in
 * seconds, or `undefined` when it did not say.
 */
export class RateLimitError extends DigitalPayeError {
  override readonly name = 'RateLimitError';
}

/** 5xx: the server failed; it may have acted on the call before failing. */
export class ServerError extends DigitalPayeError {
  override readonly name = 'ServerError';
}

/** The connection failed; `outcome` says whether the request could have reached the server. */
export class ConnectionError extends DigitalPayeError {
  override readonly name = 'ConnectionError';
}

/** An attempt took longer than its `timeout`. */
export class TimeoutError extends DigitalPayeError {
  override readonly name = 'TimeoutError';
}

/** The caller's `AbortSignal` fired. */
export class AbortError extends DigitalPayeError {
  override readonly name = 'AbortError';
}

type ErrorClass = new (message: string, details: DigitalPayeErrorDetails) => DigitalPayeError;

const BY_STATUS: Record<number, ErrorClass> = {
  429: RateLimitError,
  400: InvalidRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  422: InvalidRequestError,
};

/** What {@link errorFromResponse} needs to know about a failed answer. */
export interface FailedResponse {
  method: string;
  path: string;
  status: number;
  /** The raw body text, possibly empty or not JSON. */
  body: string;
  requestId?: string;
  retryAfter?: number;
  /** Removes secrets from each string taken from the body, after JSON decoding. */
  redact?: (text: string) => string;
}

const EXCERPT_LENGTH = 120;
/** Longest `reason` kept on the error, and the part of it quoted in the message. */
const REASON_LENGTH = 2048;
const REASON_IN_MESSAGE = 300;

const cap = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** A short, one-line rendering of a body that is not the JSON envelope. */
export function describeBody(body: string): string {
  const text = body.replace(/\s+/g, ' ').trim();
  return text ? ` (body is not the JSON envelope): ${cap(text, EXCERPT_LENGTH)}` : ' (empty body)';
}

/**
 * Maps a non-2xx answer to its error class. A body that is empty or not the
 * JSON envelope still gives the right class, with a short excerpt.
 */
export function errorFromResponse(response: FailedResponse): DigitalPayeError {
  const { method, path, status, body, requestId, retryAfter, redact = String } = response;
  let envelope: { message?: unknown; reason?: unknown } | undefined;
  try {
    envelope = JSON.parse(body);
  } catch {}
  // Redacted after decoding, so a secret written with JSON escapes is caught too.
  const text = (value: unknown, max: number) =>
    typeof value === 'string' && value ? cap(redact(value), max) : undefined;
  const code = text(envelope?.message, REASON_IN_MESSAGE);
  const reason = text(envelope?.reason, REASON_LENGTH);
  const detail =
    code || reason
      ? `${code ? ` ${code}` : ''}${reason ? `: ${cap(reason, REASON_IN_MESSAGE)}` : ''}`
      : // Re-encoded when it parsed, so that its escapes are decoded before redaction.
        describeBody(redact(envelope === undefined ? body : JSON.stringify(envelope)));
  const message = `${method} ${path} failed with ${status}${detail}`;
  const details: DigitalPayeErrorDetails = {
    status,
    code,
    reason,
    method,
    path,
    requestId,
    retryAfter,
    outcome: status >= 400 && status < 500 ? 'refused' : 'unknown',
  };

  if (status >= 500) return new ServerError(message, details);
  return new (BY_STATUS[status] ?? DigitalPayeError)(message, details);
}

const SEVERITY: Record<Outcome, number> = { 'not-sent': 0, refused: 1, unknown: 2 };

/** The outcome that promises less: `unknown` over `refused` over `not-sent`. */
export function worseOutcome(a: Outcome, b: Outcome): Outcome {
  return SEVERITY[a] >= SEVERITY[b] ? a : b;
}

/** A copy of `error` (same class, message and stack) with another outcome. */
export function withOutcome<E extends DigitalPayeError>(error: E, outcome: Outcome): E {
  if (error.outcome === outcome) return error;
  return Object.create(Object.getPrototypeOf(error), {
    ...Object.getOwnPropertyDescriptors(error),
    outcome: { value: outcome, enumerable: true },
  });
}

/** The caller's `signal` fired during `method path`. */
export function abortError(method: string, path: string, outcome: Outcome, signal?: AbortSignal) {
  return new AbortError(`${method} ${path} was aborted by the caller's signal`, {
    method,
    path,
    outcome,
    cause: signal?.reason,
  });
}

/**
 * A copy of `cause` that is safe to show: its name, code, redacted message
 * and stack, and its own cause treated the same way.
 */
export function safeCause(cause: unknown, redact: (text: string) => string, depth = 4): unknown {
  if (cause == null || !depth) return;
  const {
    name,
    message = cause,
    stack = message,
    code,
    cause: inner,
  } = cause as Error & {
    code?: unknown;
  };
  const copy = Object.assign(new Error(redact(String(message))), {
    name,
    stack: redact(String(stack)),
    code,
  });
  if (inner != null) copy.cause = safeCause(inner, redact, depth - 1);
  return copy;
}
