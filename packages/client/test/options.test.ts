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
      credentials: { kind: 'key', apiKey: 'live_FromEnv', apiSecret: 'env-secret' },
      environment: 'Production',
      baseUrl: 'http://127.0.0.1:4010',
    });
  });

  it('prefers a passed option over its variable', () => {
    const resolved = resolveOptions(complete, { DIGITALPAYE_API_KEY: 'live_FromEnv' });

    expect(resolved.credentials).toMatchObject({ apiKey: 'live_Key' });
  });

  it('has documented defaults', () => {
    expect(resolveOptions(complete, {})).toMatchObject({
      baseUrl: DEFAULT_BASE_URL,
      timeout: 30_000,
      maxRetries: 2,
      retryNonIdempotent: false,
      validateRequests: true,
      validateResponses: 'warn',
      logger: undefined,
    });
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

  it('refuses a base URL that already ends in /v1, showing the host-only form', () => {
    expect(() =>
      resolveOptions({ ...complete, baseUrl: 'https://api.digitalpaye.com/v1' }, {}),
    ).toThrow(
      '`baseUrl` "https://api.digitalpaye.com/v1" ends in /v1: give the host only, e.g. https://api.digitalpaye.com',
    );
  });

  describe('accessToken', () => {
    it('replaces key and secret, which are then not required', () => {
      expect(
        resolveOptions({ accessToken: 'tok', environment: 'Sandbox' }, {}).credentials,
      ).toEqual({
        kind: 'token',
        accessToken: 'tok',
      });
    });

    it('accepts a function', () => {
      const accessToken = async () => 'tok';
      expect(resolveOptions({ accessToken, environment: 'Sandbox' }, {}).credentials).toEqual({
        kind: 'token',
        accessToken,
      });
    });

    it('refuses being passed with a key, and an empty token', () => {
      expect(() => resolveOptions({ ...complete, accessToken: 'tok' }, {})).toThrow(
        /pass one or the other/,
      );
      expect(() => resolveOptions({ accessToken: ' ', environment: 'Sandbox' }, {})).toThrow(
        /`accessToken` is empty/,
      );
    });
  });

  it.each([
    [{ timeout: 0 }, '`timeout` is 0: use a number from 1 to 2147483647'],
    [{ timeout: Number.NaN }, '`timeout` is NaN: use a number from 1 to 2147483647'],
    [{ maxRetries: -1 }, '`maxRetries` is -1: use an integer from 0 to 10'],
    [{ maxRetries: 1.5 }, '`maxRetries` is 1.5: use an integer from 0 to 10'],
    [{ validateResponses: 'loud' }, '`validateResponses` is "loud": use one of warn, strict, off'],
    [{ logger: { info() {} } }, '`logger` has no debug, warn, error method'],
  ])('refuses %o, saying what to use', (bad, message) => {
    expect(() => resolveOptions({ ...complete, ...(bad as object) }, {})).toThrow(message);
  });
});
