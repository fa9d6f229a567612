export { type AuthenticationInfo, DigitalPaye } from './client.js';
export type { Customers, RequestOptions } from './customers.js';
export {
  AbortError,
  AuthenticationError,
  ConfigurationError,
  ConnectionError,
  DigitalPayeError,
  type DigitalPayeErrorDetails,
  InvalidRequestError,
  isDigitalPayeError,
  NotFoundError,
  type Outcome,
  PermissionDeniedError,
  RateLimitError,
  RequestValidationError,
  ResponseValidationError,
  ServerError,
  TimeoutError,
  type ValidationIssue,
} from './errors.js';
export { type Client, createClient, createConfig } from './generated/client/index.js';
export { createCustomer, createToken, type Options } from './generated/sdk.gen.js';
export type * from './generated/types.gen.js';
export * as schemas from './generated/valibot.gen.js';
export type { Logger } from './logger.js';
export type { AccessToken, DigitalPayeOptions, ResponseValidation } from './options.js';
export { type ValidationResult, validateCreateCustomer } from './validation.js';
