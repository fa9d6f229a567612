import { DigitalPayeError, RequestValidationError } from './errors.js';
import { type Client, createClient, createConfig } from './generated/client/index.js';
import { createCustomer, createToken } from './generated/sdk.gen.js';
import type {
  CreateCustomerRequest,
  Customer,
  Environment,
  ErrorResponse,
} from './generated/types.gen.js';
import { type DigitalPayeOptions, type ResolvedOptions, resolveOptions } from './options.js';
import { validateCreateCustomer } from './validation.js';

/** Per-call options. */
export interface RequestOptions {
  /** Cancels the call at once. */
  signal?: AbortSignal;
  /** Per-attempt timeout in ms, overriding the client's. */
  timeout?: number;
}

/** What {@link DigitalPaye.authenticate} learns about the credentials. */
export interface AuthenticationInfo {
  environment: Environment;
  expiresAt: Date;
}

interface CachedToken {
  token: string;
  exp: number;
}

function failure(
  method: string,
  path: string,
  response: Response,
  body: unknown,
): DigitalPayeError {
  const envelope = (body ?? {}) as Partial<ErrorResponse>;
  const code = typeof envelope.message === 'string' ? envelope.message : undefined;
  const reason = typeof envelope.reason === 'string' ? envelope.reason : undefined;
  const detail = [code, reason && `: ${reason}`].filter(Boolean).join('');
  return new DigitalPayeError(`${method} ${path} failed with ${response.status} ${detail}`.trim(), {
    status: response.status,
    outcome: response.status < 500 ? 'refused' : 'unknown',
    code,
    reason,
    method,
    path,
  });
}

/**
 * Client of the DigitalPaye API.
 *
 * @example
 * const dp = new DigitalPaye({ apiKey, apiSecret, environment: 'Sandbox' });
 * const customer = await dp.customers.create({ firstName: 'Aya', ... });
 */
export class DigitalPaye {
  readonly customers: {
    /** Creates a customer and returns it with its `id` and `createdAt`. */
    create(input: CreateCustomerRequest, options?: RequestOptions): Promise<Customer>;
  };

  readonly #options: ResolvedOptions;
  readonly #http: Client;
  #token: CachedToken | undefined;

  constructor(options: DigitalPayeOptions = {}) {
    this.#options = resolveOptions(options);
    this.#http = createClient(
      createConfig({
        baseUrl: this.#options.baseUrl,
        fetch: this.#options.fetch,
        headers: { 'X-Environment': this.#options.environment },
      }),
    );
    this.customers = { create: (input, options) => this.#createCustomer(input, options) };
  }

  /** Exchanges (or reuses) the access token and says what it is valid for. Never returns the token. */
  async authenticate(): Promise<AuthenticationInfo> {
    await this.#accessToken();
    return {
      environment: this.#options.environment,
      expiresAt: new Date((this.#token?.exp ?? 0) * 1000),
    };
  }

  async #accessToken(): Promise<string> {
    if (this.#token && this.#token.exp * 1000 > Date.now() + 30_000) return this.#token.token;

    const { apiKey, apiSecret, environment } = this.#options;
    const { data, error, response } = await createToken({
      client: this.#http,
      headers: { 'X-Environment': environment },
      auth: () => `${apiKey}:${apiSecret}`,
    });
    if (!data) throw failure('POST', '/v1/auth', response, error);

    this.#token = { token: data.data.token, exp: data.data.exp };
    return data.data.token;
  }

  async #createCustomer(
    input: CreateCustomerRequest,
    options: RequestOptions = {},
  ): Promise<Customer> {
    const checked = validateCreateCustomer(input);
    if (!checked.success) throw new RequestValidationError('customer input', checked.issues);

    const token = await this.#accessToken();
    const { data, error, response } = await createCustomer({
      client: this.#http,
      body: checked.output,
      signal: options.signal,
      headers: { 'X-Environment': this.#options.environment },
      auth: () => token,
    });
    if (!data) throw failure('POST', '/v1/customer', response, error);
    return data.data;
  }
}
