import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CANARY, canaryStrings } from '../src/canary.js';
import { findLeaks, sweepFolder } from '../src/sweep.js';

describe('canary sweep', () => {
  const canaries = canaryStrings([
    'eyJhbGciOiJIUzI1NiJ9.issued-token-payload-0001.issued-token-signature',
  ]);

  it('names the canary and line it finds, never its value', () => {
    const leaks = findLeaks(
      `ok\nAuthorization: Bearer eyJhbGciOiJIUzI1NiJ9.issued-token-payload-0001.issued-token-signature\n`,
      'log',
      canaries,
    );

    expect(leaks).toEqual([{ where: 'log', line: 2, canary: 'issued token #1' }]);
  });

  it('finds the Basic credentials as sent on the wire', () => {
    const basic = Buffer.from(`${CANARY.apiKey}:${CANARY.apiSecret}`).toString('base64');

    expect(findLeaks(`Basic ${basic}`, 'log', canaries).map((l) => l.canary)).toEqual([
      'Basic credentials',
    ]);
  });

  it('finds a secret cut short, as in a body excerpt', () => {
    const cut = CANARY.apiSecret.slice(0, 26);

    expect(findLeaks(`excerpt: ${cut}…`, 'error', canaries)).toEqual([
      { where: 'error', line: 1, canary: 'API secret (part)' },
    ]);
  });

  it('does not take the header every HS256 token shares for a leak', () => {
    const header = CANARY.token.split('.')[0];

    expect(findLeaks(`Bearer ${header}.other.token`, 'log', canaries)).toEqual([]);
  });

  it('sweeps nested files and skips the listed ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sweep-test-'));
    mkdirSync(join(dir, 'cli', 'run-1'), { recursive: true });
    writeFileSync(join(dir, 'clean.log'), 'POST /v1/customer failed with 500\n');
    writeFileSync(join(dir, 'cli', 'run-1', 'journal.jsonl'), `{"secret":"${CANARY.apiSecret}"}\n`);
    writeFileSync(join(dir, 'tokens.txt'), `${CANARY.token}\n`);

    const result = await sweepFolder(dir, canaries, ['tokens.txt']);

    expect(result.files).toBe(2);
    expect(result.leaks).toEqual([
      { where: join('cli', 'run-1', 'journal.jsonl'), line: 1, canary: 'API secret' },
    ]);
  });
});
