export { type AuthenticationInfo, DigitalPaye, type RequestOptions } from './client.js';
export {
  ConfigurationError,
  DigitalPayeError,
  type DigitalPayeErrorDetails,
  isDigitalPayeError,
  type Outcome,
  RequestValidationError,
  type ValidationIssue,
} from './errors.js';
export { type Client, createClient, createConfig } from './generated/client/index.js';
export { createCustomer, createToken, type Options } from './generated/sdk.gen.js';
export type * from './generated/types.gen.js';
export * as schemas from './generated/valibot.gen.js';
export type { DigitalPayeOptions } from './options.js';
export { type ValidationResult, validateCreateCustomer } from './validation.js';
