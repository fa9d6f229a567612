import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../src/errors.js';
import { DEFAULT_BASE_URL, resolveOptions } from '../src/options.js';

const complete = { apiKey: 'live_Key', apiSecret: 'secret-value', environment: 'Sandbox' } as const;

describe('resolveOptions', () => {
  it('takes each option from its environment variable when not passed', () => {
    const resolved = resolveOptions(
      {},
      {
        DIGITALPAYE_API_KEY: 'live_FromEnv',
        DIGITALPAYE_API_SECRET: 'env-secret',
        DIGITALPAYE_ENVIRONMENT: 'Production',
        DIGITALPAYE_BASE_URL: 'http://127.0.0.1:4010/',
      },
    );

    expect(resolved).toMatchObject({
      apiKey: 'live_FromEnv',
      environment: 'Production',
      baseUrl: 'http://127.0.0.1:4010',
    });
  });

  it('defaults the base URL to the production host', () => {
    expect(resolveOptions(complete, {}).baseUrl).toBe(DEFAULT_BASE_URL);
  });

  it.each([
    ['apiKey', 'DIGITALPAYE_API_KEY'],
    ['apiSecret', 'DIGITALPAYE_API_SECRET'],
    ['environment', 'DIGITALPAYE_ENVIRONMENT'],
  ])('names %s and %s when it is missing', (option, variable) => {
    const options = { ...complete, [option]: undefined };

    expect(() => resolveOptions(options, {})).toThrow(ConfigurationError);
    expect(() => resolveOptions(options, {})).toThrow(new RegExp(`\`${option}\`.*${variable}`));
  });

  it('refuses an environment outside the enum and lists the allowed values', () => {
    expect(() => resolveOptions({ ...complete, environment: 'Staging' as 'Sandbox' }, {})).toThrow(
      /Production, Sandbox/,
    );
  });
});
