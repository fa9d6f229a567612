import { DigitalPaye, type Environment } from '@digitalpaye/client';
import type { Flags } from './context.js';

function setting(flags: Flags, flag: string, env: NodeJS.ProcessEnv, variable: string) {
  const value = flags[flag];
  return typeof value === 'string' ? value : env[variable];
}

/**
 * Builds the client from the flags over the client's own environment
 * variables, with `--timeout` (ms per attempt) when given. A missing or invalid setting throws the client's
 * ConfigurationError, which names the option and its variable, never a
 * secret.
 */
export function clientFrom(
  flags: Flags,
  env: NodeJS.ProcessEnv,
  timeout: number | undefined,
): DigitalPaye {
  return new DigitalPaye({
    timeout,
    apiKey: setting(flags, 'api-key', env, 'DIGITALPAYE_API_KEY'),
    apiSecret: setting(flags, 'api-secret', env, 'DIGITALPAYE_API_SECRET'),
    environment: setting(flags, 'environment', env, 'DIGITALPAYE_ENVIRONMENT') as Environment,
    baseUrl: setting(flags, 'base-url', env, 'DIGITALPAYE_BASE_URL'),
  });
}

function withoutUserInfo(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return '(invalid URL)';
  }
}

/** Where the calls go, for the journal: environment and base URL, never credentials. */
export function targetOf(flags: Flags, env: NodeJS.ProcessEnv) {
  const baseUrl = setting(flags, 'base-url', env, 'DIGITALPAYE_BASE_URL');
  return {
    environment: setting(flags, 'environment', env, 'DIGITALPAYE_ENVIRONMENT') ?? '',
    baseUrl: baseUrl ? withoutUserInfo(baseUrl) : 'https://api.digitalpaye.com',
  };
}
