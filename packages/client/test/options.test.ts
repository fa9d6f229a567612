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

  it('refuses a base URL that already ends in /v1, saying to give the host only', () => {
    expect(() =>
      resolveOptions({ ...complete, baseUrl: 'https://api.digitalpaye.com/v1' }, {}),
    ).toThrow(
      '`baseUrl` must be an http(s) URL with a valid host, without credentials, query, fragment or /v1',
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

  describe('baseUrl', () => {
    const CREDENTIALS_URL = 'http://user:url-secret-99@127.0.0.1:4010';

    it.each([
      'http://127.0.0.1:99999',
      'http://a b',
      'http:// ',
      'ftp://127.0.0.1',
      'http://127.0.0.1:4010?x=1',
      'http://127.0.0.1:4010/#top',
      'http://127.0.0.1:4010/v1/',
      CREDENTIALS_URL,
    ])('refuses %s at construction, naming the fix and not quoting the URL', (baseUrl) => {
      const attempt = () => resolveOptions({ ...complete, baseUrl }, {});

      expect(attempt).toThrow(ConfigurationError);
      expect(attempt).toThrow(
        /^`baseUrl` must be an http\(s\) URL with a valid host, without credentials, query, fragment or \/v1/,
      );
      expect(attempt).not.toThrow(/url-secret-99|user/);
    });

    it('accepts the scheme in any case and a path prefix', () => {
      expect(
        resolveOptions({ ...complete, baseUrl: 'HTTP://127.0.0.1:4010/api/' }, {}).baseUrl,
      ).toBe('http://127.0.0.1:4010/api');
    });
  });

  describe('credentials', () => {
    it.each([
      [{ apiKey: 123 }, '`apiKey` must be a string with no spaces around it'],
      [{ apiSecret: {} }, '`apiSecret` must be a string with no spaces around it'],
      [{ apiKey: ' live_Key\r\n' }, '`apiKey` must be a string with no spaces around it'],
      [{ apiSecret: '   ' }, '`apiSecret` is missing'],
    ])('refuses %o, naming the option', (bad, message) => {
      expect(() => resolveOptions({ ...complete, ...(bad as object) }, {})).toThrow(
        new ConfigurationError(message).message,
      );
    });

    it('refuses an accessToken that is neither a string nor a function, naming it', () => {
      expect(() =>
        resolveOptions({ environment: 'Sandbox', accessToken: 123 as unknown as string }, {}),
      ).toThrow(ConfigurationError);
      expect(() =>
        resolveOptions({ environment: 'Sandbox', accessToken: 123 as unknown as string }, {}),
      ).toThrow(/`accessToken` is empty or not a string/);
    });
  });
});
