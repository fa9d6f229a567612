/**
 * Receives the client's events. Any object with these four methods works,
 * `console` included. Fields never carry a secret: `Authorization` is masked.
 */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

/** The caller's logger, made unable to fail a call by throwing. */
export function guardLogger(logger: Logger): Logger {
  const guarded = {} as Logger;
  for (const level of LOG_LEVELS) {
    guarded[level] = (message, fields) => {
      try {
        logger[level](message, fields);
      } catch {
        // A broken logger loses its line; the call goes on.
      }
    };
  }
  return guarded;
}

/** Headers as they may be logged: the credentials of `Authorization` replaced. */
export function maskHeaders(headers: Record<string, string>): Record<string, string> {
  const masked = { ...headers };
  if (masked.Authorization) {
    masked.Authorization = `${masked.Authorization.split(' ')[0]} [redacted]`;
  }
  return masked;
}

/**
 * Removes known secrets from text that came from outside (a server's reason,
 * a body excerpt) before it reaches an error message or a log line. The
 * secrets stay in this closure, out of reach of `util.inspect` and
 * `JSON.stringify`.
 */
export interface Redactor {
  /** Remembers a token; only the last few are kept. */
  add(token: string): void;
  redact(text: string): string;
}

const MAX_TOKENS = 4;
const MIN_SECRET_LENGTH = 6;

/** `permanent` are the credentials, kept for the client's life; tokens come and go. */
export function createRedactor(permanent: readonly string[] = []): Redactor {
  const credentials = permanent.filter((secret) => secret.length >= MIN_SECRET_LENGTH);
  const tokens: string[] = [];

  return {
    add(token) {
      if (token.length < MIN_SECRET_LENGTH || tokens.includes(token)) return;
      tokens.push(token);
      if (tokens.length > MAX_TOKENS) tokens.shift();
    },
    redact(text) {
      let clean = text;
      for (const secret of [...credentials, ...tokens])
        clean = clean.replaceAll(secret, '[redacted]');
      return clean;
    },
  };
}
