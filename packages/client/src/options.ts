import { ConfigurationError } from './errors.js';
import type { Environment } from './generated/types.gen.js';

/** Options of {@link DigitalPaye}. Each may instead come from the environment variable named. */
export interface DigitalPayeOptions {
  /** API key. @default process.env.DIGITALPAYE_API_KEY */
  apiKey?: string;
  /** API secret. @default process.env.DIGITALPAYE_API_SECRET */
  apiSecret?: string;
  /** Environment the calls act on. @default process.env.DIGITALPAYE_ENVIRONMENT */
  environment?: Environment;
  /** @default process.env.DIGITALPAYE_BASE_URL, else 'https://api.digitalpaye.com' */
  baseUrl?: string;
  /** A fetch implementation. @default globalThis.fetch */
  fetch?: typeof fetch;
}

export interface ResolvedOptions {
  apiKey: string;
  apiSecret: string;
  environment: Environment;
  baseUrl: string;
  fetch: typeof fetch;
}

export const DEFAULT_BASE_URL = 'https://api.digitalpaye.com';
const ENVIRONMENTS: readonly Environment[] = ['Production', 'Sandbox'];

type Env = Record<string, string | undefined>;

function readEnv(): Env {
  return typeof process === 'undefined' ? {} : process.env;
}

function required(value: string | undefined, option: string, variable: string): string {
  if (value === undefined || value.trim() === '') {
    throw new ConfigurationError(`\`${option}\` is missing: pass it or set ${variable}`);
  }
  return value;
}

/** Merges explicit options over environment variables and checks them, without any network call. */
export function resolveOptions(options: DigitalPayeOptions, env: Env = readEnv()): ResolvedOptions {
  const apiKey = required(
    options.apiKey ?? env.DIGITALPAYE_API_KEY,
    'apiKey',
    'DIGITALPAYE_API_KEY',
  );
  const apiSecret = required(
    options.apiSecret ?? env.DIGITALPAYE_API_SECRET,
    'apiSecret',
    'DIGITALPAYE_API_SECRET',
  );
  const environment = required(
    options.environment ?? env.DIGITALPAYE_ENVIRONMENT,
    'environment',
    'DIGITALPAYE_ENVIRONMENT',
  );
  if (!ENVIRONMENTS.includes(environment as Environment)) {
    throw new ConfigurationError(
      `\`environment\` is "${environment}": use one of ${ENVIRONMENTS.join(', ')}`,
    );
  }

  const baseUrl = (options.baseUrl ?? env.DIGITALPAYE_BASE_URL ?? DEFAULT_BASE_URL).replace(
    /\/+$/,
    '',
  );
  if (!/^https?:\/\/[^/]/.test(baseUrl)) {
    throw new ConfigurationError(
      `\`baseUrl\` "${baseUrl}" is not an http(s) URL: pass it or set DIGITALPAYE_BASE_URL`,
    );
  }

  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function') {
    throw new ConfigurationError('`fetch` is not available: pass a fetch implementation');
  }

  return { apiKey, apiSecret, environment: environment as Environment, baseUrl, fetch: fetchImpl };
}
