/**
 * Canary credentials used throughout the fault suite. None of these strings
 * may appear in any log line, error, journal, report file or test output; the
 * sweep fails the suite on any hit.
 */
export const CANARY = {
  apiKey: 'live_CanaryKey0000FaultSuite',
  apiSecret: 'c4a7a000-5ec2-4e7a-9f1d-canary0secret',
  /** A fixed bearer token the fault servers accept without an exchange. */
  token: 'eyJhbGciOiJIUzI1NiJ9.canary-token-payload.canary-token-signature',
} as const;

/** The strings a leak would show, by name: the secret, the Basic credentials, the tokens. */
export function canaryStrings(extraTokens: readonly string[] = []): Map<string, string> {
  const basic = Buffer.from(`${CANARY.apiKey}:${CANARY.apiSecret}`).toString('base64');
  const strings = new Map<string, string>([
    ['API secret', CANARY.apiSecret],
    ['Basic credentials', basic],
    ['canary token', CANARY.token],
  ]);
  for (const [i, token] of extraTokens.entries()) strings.set(`issued token #${i + 1}`, token);
  return strings;
}
