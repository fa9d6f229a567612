import { existsSync } from 'node:fs';
import type { Fault, FaultServer } from '@digitalpaye/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureFolder } from './support/capture.js';
import { runCli } from './support/cli.js';
import {
  AUTH_FAULTS,
  CUSTOMER_FAULTS,
  FAULT_SEED,
  MIX_TIMEOUT,
  randomFaults,
} from './support/fault-mix.js';
import { createdByEmail, startCanaryServer } from './support/fixtures.js';
import { lastEntries, sentByEmail, writeImportCsv } from './support/import-files.js';

let server: FaultServer;

beforeEach(async () => {
  server = await startCanaryServer();
});

afterEach(() => server.close());

const emailOf = (row: number, tag = 'import') => `${tag}.${row}@example.com`;

describe('digitalpaye customers import', () => {
  it(`500 rows under a random mix of faults (seed ${FAULT_SEED}): each row created once, failed with a reason, or unknown; --resume never duplicates`, async () => {
    const rows = 500;
    const dir = captureFolder('import-mix');
    const file = writeImportCsv(dir, rows);
    const journal = `${file}.journal.jsonl`;
    const mix = randomFaults(FAULT_SEED, 0.3, { customer: CUSTOMER_FAULTS, auth: AUTH_FAULTS });
    // The first token exchange fails once, so the import starts on a retried exchange.
    server.plan = (request) =>
      request.route === 'auth' && request.routeN === 1 ? { type: 'html-502' } : mix.plan(request);
    const args = ['customers', 'import', file, '--concurrency', '8', '--timeout', `${MIX_TIMEOUT}`];

    const first = await runCli(args, server, { captureAs: 'cli-import.log' });

    console.info(
      `import fault mix seed ${FAULT_SEED}: ${JSON.stringify(Object.fromEntries(mix.given))}`,
    );
    expect(first.code, first.stderr).toBe(1);
    expect(first.stderr).not.toMatch(/^\s+at |Unhandled|TypeError|RangeError/m);
    const afterFirst = lastEntries(journal);
    const created = createdByEmail(server);
    const byStatus = { created: 0, failed: 0, unknown: 0 };
    for (let row = 1; row <= rows; row++) {
      const entry = afterFirst.get(row);
      const count = created.get(emailOf(row)) ?? 0;
      expect(entry?.status, `row ${row}`).toMatch(/^(created|failed|unknown)$/);
      if (entry?.status === 'created') {
        expect(count, `row ${row} created`).toBe(1);
        expect(server.created.find((c) => c.body.email === emailOf(row))?.id).toBe(
          entry.customerId,
        );
      } else if (entry?.status === 'failed') {
        expect(count, `row ${row} failed, yet the server created it`).toBe(0);
        expect(entry.reason ?? entry.error, `row ${row} has no reason`).toBeTruthy();
      } else {
        expect(count, `row ${row} unknown`).toBeLessThanOrEqual(1);
      }
      byStatus[entry?.status as keyof typeof byStatus]++;
    }
    console.info(`rows after the first run: ${JSON.stringify(byStatus)}`);
    expect(byStatus.failed + byStatus.unknown).toBeGreaterThan(0);
    expect(existsSync(`${file}.failed.csv`)).toBe(byStatus.failed > 0);

    server.plan = undefined;
    const sentBefore = sentByEmail(server);
    const second = await runCli([...args, '--resume'], server, { captureAs: 'cli-import.log' });

    const sentAfter = sentByEmail(server);
    const createdAfter = createdByEmail(server);
    for (let row = 1; row <= rows; row++) {
      const email = emailOf(row);
      const before = afterFirst.get(row)?.status;
      expect(createdAfter.get(email) ?? 0, `row ${row} duplicated`).toBeLessThanOrEqual(1);
      if (before === 'created' || before === 'unknown') {
        expect(sentAfter.get(email), `row ${row} (${before}) was sent again`).toBe(
          sentBefore.get(email),
        );
      } else {
        expect(createdAfter.get(email), `row ${row} failed, then not created on resume`).toBe(1);
      }
    }
    expect(second.code).toBe(byStatus.unknown > 0 ? 1 : 0);

    const requestsBefore = server.count('customer');
    const third = await runCli([...args, '--resume'], server, { captureAs: 'cli-import.log' });
    expect(server.count('customer')).toBe(requestsBefore);
    expect(third.code).toBe(second.code);
  }, 45_000);

  it('killed mid-import and resumed: every row is created at most once, all but the cut-off ones exactly once', async () => {
    const rows = 200;
    const dir = captureFolder('import-kill');
    const file = writeImportCsv(dir, rows, 'kill');
    const journal = `${file}.journal.jsonl`;
    const slow: Fault = { type: 'delay', ms: 40 };
    server.plan = (request) => (request.route === 'customer' ? slow : undefined);
    const args = ['customers', 'import', file, '--concurrency', '4'];

    const killed = await runCli(args, server, {
      captureAs: 'cli-import.log',
      whileRunning: (pid) => {
        const timer = setInterval(() => {
          if (server.created.length >= 60) {
            clearInterval(timer);
            process.kill(pid, 'SIGKILL');
          }
        }, 5);
      },
    });
    expect(killed.signal).toBe('SIGKILL');
    const cutOff = [...lastEntries(journal).values()].filter((e) => e.status === 'sending');
    expect(cutOff.length).toBeLessThanOrEqual(4);

    server.plan = undefined;
    const resumed = await runCli([...args, '--resume'], server, { captureAs: 'cli-import.log' });

    const created = createdByEmail(server);
    const cutOffRows = new Set(cutOff.map((e) => e.row));
    for (let row = 1; row <= rows; row++) {
      const count = created.get(emailOf(row, 'kill')) ?? 0;
      if (cutOffRows.has(row)) expect(count, `cut-off row ${row}`).toBeLessThanOrEqual(1);
      else expect(count, `row ${row}`).toBe(1);
    }
    expect(resumed.code).toBe(cutOff.length > 0 ? 1 : 0);
  }, 30_000);

  it('an expired token mid-import is exchanged once more and every row is created once', async () => {
    const dir = captureFolder('import-expired');
    const file = writeImportCsv(dir, 40, 'expired');
    server.plan = (request) =>
      request.route === 'customer' && request.routeN === 10 ? { type: 'token-expired' } : undefined;

    const run = await runCli(['customers', 'import', file, '--concurrency', '4'], server, {
      captureAs: 'cli-import.log',
    });

    expect(run.code, run.stderr).toBe(0);
    expect(server.count('auth')).toBe(2);
    expect([...createdByEmail(server).values()]).toEqual(Array(40).fill(1));
  });

  it('a token refused twice stops the import, and --resume finishes it without duplicates', async () => {
    const dir = captureFolder('import-refused');
    const file = writeImportCsv(dir, 40, 'refused');
    server.plan = (request) =>
      request.route === 'customer' && request.routeN >= 10 ? { type: 'token-expired' } : undefined;
    const args = ['customers', 'import', file, '--concurrency', '4'];

    const stopped = await runCli(args, server, { captureAs: 'cli-import.log' });
    server.plan = undefined;
    const resumed = await runCli([...args, '--resume'], server, { captureAs: 'cli-import.log' });

    expect(stopped.code).not.toBe(0);
    expect(stopped.stderr).toMatch(/credentials/);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect([...createdByEmail(server).values()]).toEqual(Array(40).fill(1));
  });
});
