import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FaultServer } from '@digitalpaye/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureFolder } from './support/capture.js';
import { runCli } from './support/cli.js';
import { customerFor, startCanaryServer } from './support/fixtures.js';

const MiB = 1024 * 1024;
const HEADER = 'firstName;lastName;email;phoneNumber;countryCode;city;streetAddress';
/**
 * Peak memory allowed above the CLI's own peak for `--help` (about 55 MiB here; these inputs add
 * 6 to 12 MiB). Holding a 10 MiB line whole, as a buffer and a string, would pass it.
 */
const HEADROOM_MiB = 20;

let server: FaultServer;
let baselineMiB: number;

beforeAll(async () => {
  server = await startCanaryServer();
  const help = await runCli(['--help'], server);
  baselineMiB = help.peakMiB ?? 0;
  expect(baselineMiB).toBeGreaterThan(0);
});

afterAll(() => server.close());

function csvWithLine(name: string, line: string): string {
  const file = join(captureFolder('oversized'), name);
  const ok = customerFor(1, 'oversized');
  const good = [ok.firstName, ok.lastName, ok.email, ok.phoneNumber, 'CI', 'Abidjan', 'Plateau'];
  writeFileSync(file, `${HEADER}\n${good.join(';')}\n${line}\n${good.join(';')}\n`);
  return file;
}

function expectRefusedCleanly(run: Awaited<ReturnType<typeof runCli>>) {
  expect(run.code).toBe(2);
  expect(run.stderr).not.toMatch(/^\s+at /m);
  expect(run.stderr.length).toBeLessThan(2000);
  expect(server.count('customer')).toBe(0);
  expect(run.peakMiB).toBeLessThan(baselineMiB + HEADROOM_MiB);
}

describe('oversized inputs', () => {
  it('an import row with a 1 MiB field is refused, naming its line, with bounded memory', async () => {
    const file = csvWithLine(
      'field.csv',
      `Aya;${'K'.repeat(MiB)};a@example.com;01;CI;Abidjan;Plateau`,
    );

    const run = await runCli(['customers', 'import', file], server, { captureAs: 'oversized.log' });

    expectRefusedCleanly(run);
    expect(run.stderr).toMatch(/line 3/i);
  });

  it('an import line of 10 MiB is refused, naming its line, with bounded memory', async () => {
    const file = csvWithLine('line.csv', `Aya;Kouassi;${'x'.repeat(10 * MiB)}`);

    const run = await runCli(['customers', 'import', file], server, { captureAs: 'oversized.log' });

    expectRefusedCleanly(run);
    expect(run.stderr).toMatch(/line 3/i);
  });

  it('deeply nested JSON on stdin is refused with the field it breaks, with bounded memory', async () => {
    const depth = 100_000;
    const nested = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

    const run = await runCli(['customers', 'create', '--file', '-'], server, {
      stdin: nested,
      captureAs: 'oversized.log',
    });

    expectRefusedCleanly(run);
    expect(run.stderr).toMatch(/firstName/);
  });

  it('a customer with a 1 MiB field given to customers create is refused before sending', async () => {
    const customer = { ...customerFor(2, 'oversized'), lastName: 'K'.repeat(MiB) };

    const run = await runCli(['customers', 'create', '--file', '-'], server, {
      stdin: JSON.stringify(customer),
      captureAs: 'oversized.log',
    });

    expectRefusedCleanly(run);
    expect(run.stderr).toMatch(/larger than 1 MiB/);
  });
});
