/** Fields every {@link DigitalPayeError} can carry besides its message. */
export interface DigitalPayeErrorDetails {
  status?: number;
  code?: string;
  reason?: string;
  method?: string;
  path?: string;
  requestId?: string;
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

  constructor(message: string, details: DigitalPayeErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status;
    this.code = details.code;
    this.reason = details.reason;
    this.method = details.method;
    this.path = details.path;
    this.requestId = details.requestId;
  }
}

/** Thrown at construction when an option is missing or invalid. */
export class ConfigurationError extends DigitalPayeError {
  override readonly name = 'ConfigurationError';
}
