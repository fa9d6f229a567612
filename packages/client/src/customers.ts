import { DigitalPayeError, RequestValidationError } from './errors.js';
import type {
  CreateCustomerData,
  CreateCustomerRequest,
  Customer,
  CustomerResponse,
} from './generated/types.gen.js';
import { vCustomerResponse } from './generated/valibot.gen.js';
import type { Logger } from './logger.js';
import { MAX_TIMER, numberOption } from './options.js';
import { type TokenSource, withToken } from './tokens.js';
import type { Transport } from './transport.js';
import { type ResponseCheck, validateCreateCustomer } from './validation.js';

const CUSTOMER_PATH: CreateCustomerData['url'] = '/v1/customer';

/** Per-call options. */
export interface RequestOptions {
  /** Cancels the call at once, including a wait for a token or a retry. */
  signal?: AbortSignal;
  /** Per-attempt timeout in ms, overriding the client's `timeout`. */
  timeout?: number;
}

export interface Customers {
  /**
   * Creates a customer and returns it with its `id` and `createdAt`.
   *
   * The input is checked against the spec first (a lower-case
   * `address.countryCode` is upper-cased); a bad input throws
   * `RequestValidationError` without sending anything. Not idempotent:
   * retried only when the server certainly did not act (see the README).
   */
  create(input: CreateCustomerRequest, options?: RequestOptions): Promise<Customer>;
}

export interface CustomersDependencies {
  transport: Transport;
  tokens: TokenSource;
  checkResponse: ResponseCheck;
  logger: Logger | undefined;
  validateRequests: boolean;
  retryNonIdempotent: boolean;
}

export function createCustomers(deps: CustomersDependencies): Customers {
  const { transport, tokens, checkResponse, logger } = deps;
  const retry = deps.retryNonIdempotent ? 'idempotent' : 'unsafe';

  return {
    async create(input, options = {}) {
      const { signal } = options;
      // `undefined` falls back to the client's timeout in the transport.
      const timeout = numberOption(options.timeout, 'timeout', undefined, {
        min: 1,
        max: MAX_TIMER,
      });
      let body: CreateCustomerRequest = input;
      if (deps.validateRequests) {
        const checked = validateCreateCustomer(input);
        if (!checked.success) throw new RequestValidationError('customer input', checked.issues);
        body = checked.output;
      }

      const reply = await withToken(
        tokens,
        signal,
        (authorization) =>
          transport({
            method: 'POST',
            path: CUSTOMER_PATH,
            authorization,
            body,
            signal,
            timeout,
            retry,
          }),
        logger,
      );
      const { status, requestId } = reply;
      const origin = { method: 'POST', path: CUSTOMER_PATH, status, requestId };
      checkResponse(vCustomerResponse, reply.body, origin);

      const data = (reply.body as Partial<CustomerResponse> | null)?.data;
      if (typeof data !== 'object' || data === null) {
        throw new DigitalPayeError(`POST ${CUSTOMER_PATH} answered ${status} without data`, {
          ...origin,
          outcome: 'unknown',
        });
      }
      return data;
    },
  };
}
