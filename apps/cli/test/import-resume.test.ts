import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type CountingApiOptions, startCountingApi } from '@digitalpaye/testkit';
import { describe, expect, it, onTestFinished } from 'vitest';
import { rowHash } from '../src/import/journal.js';
import { customerCells, writeCustomersCsv } from './fixtures.js';
import { apiEnv, journalRows, runCli, SECRET, startCli, tempDir, waitFor } from './run-cli.js';

async function countingApi(options: CountingApiOptions = {}) {
  const api = await startCountingApi(options);
  onTestFinished(() => api.stop());
  return api;
}

async function csvOf(rows: number) {
  const dir = await tempDir();
  const file = join(dir, 'customers.csv');
  await writeCustomersCsv(file, rows, { delimiter: ';' });
  return { dir, file, journal: `${file}.journal.jsonl`, failed: `${file}.failed.csv` };
}

const importArgs = (file: string, ...extra: string[]) => ['customers', 'import', file, ...extra];

function expectEachCreatedOnce(created: ReadonlyMap<string, number>, rows: number) {
  const counts = Array.from({ length: rows }, (_, i) => created.get(`client${i + 1}@example.com`));
  expect(counts).toEqual(Array(rows).fill(1));
}

describe('customers import against a server that counts what it creates', () => {
  describe('killed with SIGKILL half-way, then run again with --resume', () => {
    it('creates every row exactly once, and reports the rows cut off mid-call as unknown', async () => {
      // From the 101st customer on, the server creates but never answers: the
      // CLI is then killed with exactly `concurrency` rows in flight.
      const api = await countingApi({ delay: (n) => (n > 100 ? Number.POSITIVE_INFINITY : 1) });
      const { file, journal } = await csvOf(200);
      const env = apiEnv(api.url);

      const first = startCli(importArgs(file, '--concurrency', '4'), env);
      await waitFor(() => api.created === 104 && api.inFlight === 4);
      first.child.kill('SIGKILL');
      expect((await first.done).signal).toBe('SIGKILL');

      const recorded = [...journalRows(journal).values()];
      expect(recorded.filter((row) => row.status === 'created')).toHaveLength(100);
      expect(recorded.filter((row) => row.status === 'sending')).toHaveLength(4);

      api.setDelay(0);
      const resumed = await runCli(importArgs(file, '--resume', '--json'), env);
      const summary = JSON.parse(resumed.stdout);

      expect(api.created).toBe(200);
      expectEachCreatedOnce(api.createdByEmail, 200);
      expect(summary).toMatchObject({ created: 96, alreadyCreated: 100, unknown: 4 });
      expect(summary.unknownLines).toHaveLength(4);
      expect(resumed.code).toBe(1);
    });
  });

  describe('interrupted with Ctrl-C (SIGINT)', () => {
    it('lets the rows in flight finish, exits 130, and --resume completes the rest', async () => {
      const api = await countingApi({ delay: 200 });
      const { file, journal } = await csvOf(20);
      const env = apiEnv(api.url);

      const first = startCli(importArgs(file, '--concurrency', '2'), env);
      await waitFor(() => api.created >= 2);
      first.child.kill('SIGINT');
      const stopped = await first.done;

      expect(stopped.code).toBe(130);
      expect(stopped.stderr).toContain('stopping after the rows in flight');
      expect(stopped.stdout).toMatch(/not attempted\s+\d+/);
      const statuses = [...journalRows(journal).values()].map((row) => row.status);
      expect(statuses).not.toContain('sending');
      expect(statuses.length).toBe(api.created);

      api.setDelay(0);
      const resumed = await runCli(importArgs(file, '--resume'), env);
      expect(resumed.code).toBe(0);
      expectEachCreatedOnce(api.createdByEmail, 20);
    });
  });

  describe('a row whose outcome is unknown (a 500 after sending)', () => {
    const failThird: CountingApiOptions['answer'] = (body) =>
      body.email === 'client3@example.com' ? { status: 500 } : undefined;

    it('is recorded as unknown and not sent again by --resume', async () => {
      const api = await countingApi({ answer: failThird });
      const { file, journal } = await csvOf(5);
      const env = apiEnv(api.url);

      const first = await runCli(importArgs(file), env);
      expect(first.code).toBe(1);
      expect(first.stdout).toMatch(/outcome unknown\s+1\s+\(line 4\)/);
      expect(first.stdout).toContain('--retry-unknown');
      expect(journalRows(journal).get(3)).toMatchObject({
        status: 'unknown',
        outcome: 'unknown',
        httpStatus: 500,
      });

      const resumed = await runCli(importArgs(file, '--resume', '--json'), env);
      expect(JSON.parse(resumed.stdout)).toMatchObject({
        created: 0,
        alreadyCreated: 4,
        unknown: 1,
      });
      expect(api.requests['/v1/customer']).toBe(5);
    });

    it('is sent again only with --resume --retry-unknown', async () => {
      let failing = true;
      const api = await countingApi({
        answer: (body, n) => (failing ? failThird(body, n) : undefined),
      });
      const { file } = await csvOf(5);
      const env = apiEnv(api.url);
      await runCli(importArgs(file), env);

      failing = false;
      const retried = await runCli(importArgs(file, '--resume', '--retry-unknown', '--json'), env);

      expect(retried.code).toBe(0);
      expect(JSON.parse(retried.stdout)).toMatchObject({ created: 1, alreadyCreated: 4 });
      expectEachCreatedOnce(api.createdByEmail, 5);
    });
    it('stays unknown for --resume after a --retry-unknown run was refused by a 429 and killed', async () => {
      const api = await countingApi();
      const { file, journal } = await csvOf(2);
      const [firstName, lastName, email, phoneNumber, countryCode, city, streetAddress] =
        customerCells(1);
      const hash = rowHash({
        firstName,
        lastName,
        email,
        phoneNumber,
        countryCode,
        city,
        streetAddress,
      });
      const entry = (status: string, more = {}) =>
        JSON.stringify({ event: 'row', row: 1, line: 2, hash, status, ...more });
      const run = (retryUnknown: boolean) =>
        JSON.stringify({ event: 'run', file, resume: retryUnknown, retryUnknown });
      const lines = [
        run(false),
        entry('sending'),
        entry('unknown', { httpStatus: 500 }),
        run(true),
        entry('sending'),
        entry('failed', { httpStatus: 429 }),
      ];
      await writeFile(journal, `${lines.join('\n')}\n`);

      const resumed = await runCli(importArgs(file, '--resume', '--json'), apiEnv(api.url));

      expect(JSON.parse(resumed.stdout)).toMatchObject({ created: 1, unknown: 1 });
      expect(api.createdByEmail.get('client1@example.com')).toBeUndefined();
      expect(api.createdByEmail.get('client2@example.com')).toBe(1);
    });
  });

  describe('a 429 with Retry-After', () => {
    it('is waited out and the row created once', async () => {
      const api = await countingApi({
        answer: (_body, n) =>
          n <= 3 ? { status: 429, headers: { 'retry-after': '1' } } : undefined,
      });
      const { file } = await csvOf(3);
      const started = Date.now();
      const result = await runCli(importArgs(file, '--concurrency', '1'), apiEnv(api.url));

      expect(result.code).toBe(0);
      expect(result.stderr).toContain('rate limited by the API: waiting 1 s');
      expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
      expectEachCreatedOnce(api.createdByEmail, 3);
    });
  });

  describe('a row the API refuses', () => {
    it('goes to the failed-rows CSV, formula-like cells neutralised, and imports again from it', async () => {
      let refusing = true;
      const bodies: Record<string, unknown>[] = [];
      const api = await countingApi({
        answer: (body) => {
          bodies.push(body);
          return refusing && body.email === 'client2@example.com' ? { status: 400 } : undefined;
        },
      });
      const { dir, failed } = await csvOf(0);
      const file = join(dir, 'formulas.csv');
      const header = 'firstName,lastName,email,phoneNumber,countryCode,city,streetAddress';
      const formula = '=HYPERLINK("http://example.com","x")';
      const rows = [
        'Aya,Kouassi,client1@example.com,0700000001,CI,Abidjan,Cocody',
        `@Koffi,-Yao,client2@example.com,+2250700000002,CI,Abidjan,"${formula.replaceAll('"', '""')}"`,
      ];
      await writeFile(file, `${header}\n${rows.join('\n')}\n`);
      const env = apiEnv(api.url);

      const first = await runCli(importArgs(file, '--failed', failed), env);
      const report = readFileSync(failed, 'utf8');

      expect(first.code).toBe(1);
      expect(report).toContain(`'@Koffi,'-Yao,client2@example.com,'+2250700000002,`);
      expect(report).toContain(`"'=HYPERLINK(""http://example.com"",""x"")",3,400 BadRequestError`);
      expect(report).not.toMatch(/(^|,)[=+\-@]/m);

      refusing = false;
      const again = await runCli(importArgs(failed, '--json'), env);

      expect(again.code).toBe(0);
      expect(bodies.at(-1)).toMatchObject({
        firstName: '@Koffi',
        lastName: '-Yao',
        phoneNumber: '+2250700000002',
        address: { streetAddress: formula },
      });
      expectEachCreatedOnce(api.createdByEmail, 2);
    });
  });

  describe("a leading ' in a file the user wrote", () => {
    it('is sent as part of the value', async () => {
      const bodies: Record<string, unknown>[] = [];
      const api = await countingApi({ answer: (body) => void bodies.push(body) });
      const { dir } = await csvOf(0);
      const file = join(dir, 'quoted.csv');
      const header = 'firstName,lastName,email,phoneNumber,countryCode,city,streetAddress';
      await writeFile(
        file,
        `${header}\nAya,Kouassi,client1@example.com,0700000001,CI,Abidjan,'-lot 5\n`,
      );

      const result = await runCli(importArgs(file), apiEnv(api.url));

      expect(result.code).toBe(0);
      expect(bodies[0]).toMatchObject({ address: { streetAddress: "'-lot 5" } });
    });
  });

  describe('credentials the API refuses', () => {
    it('stop the import before any row with exit 2', async () => {
      const api = await countingApi({ apiKey: 'live_SomeOtherKey' });
      const { file } = await csvOf(3);
      const result = await runCli(importArgs(file), apiEnv(api.url));

      expect(result.code).toBe(2);
      expect(result.stderr).toContain('the API refused the credentials');
      expect(api.requests['/v1/customer']).toBeUndefined();
      expect(result.stdout + result.stderr).not.toContain(SECRET);
    });

    it('make auth check exit 1', async () => {
      const api = await countingApi({ apiKey: 'live_SomeOtherKey' });
      const result = await runCli(['auth', 'check'], apiEnv(api.url));

      expect(result.code).toBe(1);
      expect(result.stderr).toContain('Credentials not accepted');
      expect(result.stderr).not.toContain(SECRET);
    });

    it('refused mid-import stop the sending; --resume finishes the rest', async () => {
      let refusing = false;
      const api = await countingApi({
        answer: (_body, n) => {
          if (n === 3) refusing = true;
          return refusing ? { status: 401 } : undefined;
        },
      });
      const { file, journal, failed } = await csvOf(10);
      const env = apiEnv(api.url);

      const first = await runCli(importArgs(file, '--concurrency', '1', '--json'), env);
      expect(first.code).toBe(1);
      expect(JSON.parse(first.stdout)).toMatchObject({ created: 2, failed: 1, notAttempted: 7 });
      expect(readFileSync(failed, 'utf8')).toContain('401 UnauthorizedError');
      expect(readFileSync(failed, 'utf8')).not.toContain(SECRET);

      refusing = false;
      const resumed = await runCli(importArgs(file, '--resume', '--json'), env);
      expect(resumed.code).toBe(0);
      expectEachCreatedOnce(api.createdByEmail, 10);
      expect(readFileSync(journal, 'utf8')).not.toContain(SECRET);
      expect(existsSync(failed)).toBe(false);
    });
  });

  describe('two runs on the same journal', () => {
    it('refuses the second while the first is running, with exit 2', async () => {
      const api = await countingApi({ delay: 100 });
      const { file } = await csvOf(10);
      const env = apiEnv(api.url);

      const first = startCli(importArgs(file, '--concurrency', '1'), env);
      await waitFor(() => api.created >= 1);
      const second = await runCli(importArgs(file, '--resume'), env);
      const firstResult = await first.done;

      expect(second.code).toBe(2);
      expect(second.stderr).toContain(`another import (process ${first.child.pid})`);
      expect(firstResult.code).toBe(0);
      expectEachCreatedOnce(api.createdByEmail, 10);
    });
  });

  describe('a file changed since the journal was written', () => {
    it('is refused on --resume with exit 2, nothing sent', async () => {
      const api = await countingApi();
      const { file } = await csvOf(3);
      const env = apiEnv(api.url);
      await runCli(importArgs(file), env);
      await writeCustomersCsv(file, 3, { delimiter: ';', invalid: [2] });

      const resumed = await runCli(importArgs(file, '--resume'), env);

      expect(resumed.code).toBe(2);
      expect(resumed.stderr).toContain('line 3 is not the row that');
      expect(api.created).toBe(3);
    });
  });
});
