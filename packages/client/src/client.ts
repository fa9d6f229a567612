import { type Customers, createCustomers } from './customers.js';
import type { Environment } from './generated/types.gen.js';
import { createRedactor } from './logger.js';
import { type DigitalPayeOptions, resolveOptions } from './options.js';
import { createTokenSource, credentialSecrets, type TokenSource } from './tokens.js';
import { createTransport } from './transport.js';
import { createResponseCheck } from './validation.js';

/** What {@link DigitalPaye.authenticate} learns about the credentials. */
export interface AuthenticationInfo {
  environment: Environment;
  /** When the current token expires; it is renewed before then. */
  expiresAt: Date;
}

/**
 * Client of the DigitalPaye API: exchanges and renews the access token,
 * checks inputs against the spec, times out and retries only when it is
 * safe, and throws a {@link DigitalPayeError} subclass for every failure.
 * Construction makes no network call.
 *
 * @example
 * const dp = new DigitalPaye({ apiKey, apiSecret, environment: 'Sandbox' });
 * const customer = await dp.customers.create(input);
 */
export class DigitalPaye {
  readonly customers: Customers;

  readonly #environment: Environment;
  readonly #baseUrl: string;
  readonly #tokens: TokenSource;

  constructor(options: DigitalPayeOptions = {}) {
    // The credentials go to the token source alone; nothing else holds them.
    const { credentials, ...settings } = resolveOptions(options);
    const { environment, baseUrl, logger } = settings;
    const redactor = createRedactor(credentialSecrets(credentials));
    const transport = createTransport({ ...settings, redactor });
    const checkResponse = createResponseCheck(settings.validateResponses, logger);

    this.#environment = environment;
    this.#baseUrl = baseUrl;
    this.#tokens = createTokenSource(credentials, { transport, checkResponse, redactor, logger });
    this.customers = createCustomers({
      ...settings,
      transport,
      tokens: this.#tokens,
      checkResponse,
    });
  }

  /**
   * Obtains (or reuses) the access token and says what it is valid for; a way
   * to check credentials at start-up. Never returns the token.
   */
  async authenticate(options: { signal?: AbortSignal } = {}): Promise<AuthenticationInfo> {
    return {
      environment: this.#environment,
      expiresAt: await this.#tokens.expiresAt(options.signal),
    };
  }

  /** What `JSON.stringify` shows: the target, never a credential. */
  toJSON(): { environment: Environment; baseUrl: string } {
    return { environment: this.#environment, baseUrl: this.#baseUrl };
  }

  /** What `util.inspect` and `console.log` show: the same as {@link toJSON}. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `DigitalPaye ${JSON.stringify(this.toJSON())}`;
  }
}
