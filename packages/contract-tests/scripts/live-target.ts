/** What `pnpm contract:live` needs from the environment before it starts anything. */
export interface LiveTarget {
  /** The server under test, without a trailing slash. */
  baseUrl: string;
  environment: 'Production' | 'Sandbox';
}

export class LiveTargetError extends Error {
  override name = 'LiveTargetError';
}

type Env = Record<string, string | undefined>;

const ENVIRONMENTS = ['Production', 'Sandbox'] as const;

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * Reads and checks the live target. Every problem is listed at once, each
 * naming its variable and the fix. A base URL on a production host (one of
 * `productionUrls`, the spec's `servers`) is refused unless
 * DIGITALPAYE_ENVIRONMENT=Production says that is meant.
 */
export function readLiveTarget(env: Env, productionUrls: readonly string[]): LiveTarget {
  const problems: string[] = [];
  const baseUrl = (env.DIGITALPAYE_BASE_URL ?? '').trim().replace(/\/+$/, '');
  const environment = env.DIGITALPAYE_ENVIRONMENT ?? '';

  if (baseUrl === '') {
    problems.push(
      'DIGITALPAYE_BASE_URL is not set: name the server to check (there is no default), e.g. DIGITALPAYE_BASE_URL=https://sandbox.example.com',
    );
  } else if (!/^https?:\/\/[^/]/.test(baseUrl) || !hostOf(baseUrl)) {
    problems.push(`DIGITALPAYE_BASE_URL is not an http(s) URL: give one such as https://host`);
  } else if (new URL(baseUrl).username || new URL(baseUrl).password) {
    problems.push('DIGITALPAYE_BASE_URL carries credentials: remove them from the URL');
  }
  for (const name of ['DIGITALPAYE_API_KEY', 'DIGITALPAYE_API_SECRET']) {
    if (!env[name]?.trim())
      problems.push(`${name} is not set: set it to the credentials to test with`);
  }
  if (!ENVIRONMENTS.includes(environment as LiveTarget['environment'])) {
    problems.push(
      `DIGITALPAYE_ENVIRONMENT is ${environment ? `"${environment}"` : 'not set'}: set it to Sandbox (or Production)`,
    );
  }

  const productionHosts = new Set(productionUrls.map(hostOf));
  const host = hostOf(baseUrl);
  if (host && productionHosts.has(host) && environment !== 'Production') {
    problems.push(
      `DIGITALPAYE_BASE_URL is the production API (${host}), where the suite creates real customers: set DIGITALPAYE_ENVIRONMENT=Production as well if that is meant`,
    );
  }

  if (problems.length > 0) {
    throw new LiveTargetError(`contract:live will not start:\n  - ${problems.join('\n  - ')}`);
  }
  return { baseUrl, environment: environment as LiveTarget['environment'] };
}
