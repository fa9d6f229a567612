import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { customerCells, HEADER } from './fixtures.js';
import {
  apiEnv,
  cliPath,
  examplesDir,
  journalRows,
  runCli,
  runCommand,
  SECRET,
  tempDir,
} from './run-cli.js';

const hasScript = existsSync('/usr/bin/script');

const example = join(examplesDir, 'customers.csv');
let env: Record<string, string>;

beforeAll(() => {
  env = apiEnv(inject('prismUrl'));
});

async function importIn(dir: string, file: string, extra: string[] = [], more = {}) {
  const journal = join(dir, 'journal.jsonl');
  const failed = join(dir, 'failed.csv');
  const args = ['customers', 'import', file, '--journal', journal, '--failed', failed, ...extra];
  const result = await runCli(args, { ...env, ...more });
  return { ...result, journal, failed };
}

describe('digitalpaye customers import', () => {
  describe('on the bundled semicolon example', () => {
    it('creates the valid rows, reports the invalid one, and exits 1', async () => {
      const result = await importIn(await tempDir(), example);

      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^line 6: email: \S.+$/m);
      expect(result.stdout).toMatch(/created\s+24/);
      expect(result.stdout).toMatch(/invalid\s+1\s+\(line 6\)/);
    });

    it('records every row in the journal, without credentials', async () => {
      const result = await importIn(await tempDir(), example);
      const rows = journalRows(result.journal);
      const journal = readFileSync(result.journal, 'utf8');

      expect(rows.size).toBe(25);
      expect([...rows.values()].filter((r) => r.status === 'created')).toHaveLength(24);
      expect(rows.get(5)).toMatchObject({ line: 6, status: 'invalid' });
      expect(journal).not.toContain(SECRET);
      expect(journal).not.toMatch(/Bearer|Basic|token/i);
    });

    it('writes the invalid row to a failed-rows CSV with its line and reason', async () => {
      const result = await importIn(await tempDir(), example);
      const failed = readFileSync(result.failed, 'utf8');

      expect(failed.startsWith('\uFEFFfirstName;lastName;email;')).toBe(true);
      expect(failed).toContain('Awa;Koné;awa.kone@example;');
      expect(failed).toMatch(/;6;"?email: \S.+/);
    });

    it('keeps accents and a quoted separator intact', async () => {
      const result = await importIn(await tempDir(), example, ['--dry-run', '--json']);

      expect(result.code).toBe(1);
      expect(JSON.parse(result.stdout)).toMatchObject({ rows: 25, valid: 24, invalid: 1 });
    });

    it('refuses to start over an existing journal without --resume', async () => {
      const dir = await tempDir();
      await importIn(dir, example);
      const again = await importIn(dir, example);

      expect(again.code).toBe(2);
      expect(again.stderr).toContain('--resume');
    });

    it('on --resume sends nothing that was created and exits 1 for the invalid row', async () => {
      const dir = await tempDir();
      await importIn(dir, example);
      const resumed = await importIn(dir, example, ['--resume', '--json']);

      expect(resumed.code).toBe(1);
      expect(JSON.parse(resumed.stdout)).toMatchObject({ created: 0, alreadyCreated: 24 });
    });

    it('prints the summary as JSON with --json', async () => {
      const result = await importIn(await tempDir(), example, ['--json']);

      expect(JSON.parse(result.stdout)).toMatchObject({
        rows: 25,
        created: 24,
        invalid: 1,
        invalidLines: [6],
      });
    });

    it('speaks French when LANG starts with fr', async () => {
      const result = await importIn(await tempDir(), example, [], { LANG: 'fr_FR.UTF-8' });

      expect(result.stderr).toContain('ligne 6 : email');
      expect(result.stdout).toContain("Bilan de l'import");
      expect(result.stdout).toMatch(/créés\s+24/);
    });
  });

  describe('progress', () => {
    it('is a plain line when the output is not a terminal', async () => {
      const result = await importIn(await tempDir(), example);

      expect(result.stderr).toMatch(/^24\/24 done, 0 failed, [\d.]+ rows\/s, ETA 0:00$/m);
      expect(result.stderr).not.toContain('█');
    });

    // `script` (util-linux) gives the CLI a pseudo-terminal; Debian and CI images have it.
    it.skipIf(!hasScript)('is a bar redrawn in place on a terminal', async () => {
      const dir = await tempDir();
      const journal = join(dir, 'journal.jsonl');
      const quoted = [
        process.execPath,
        cliPath,
        'customers',
        'import',
        example,
        '--journal',
        journal,
      ];
      const command = quoted.map((word) => `'${word}'`).join(' ');
      const result = await runCommand('script', ['-qec', command, '/dev/null'], env);

      expect(result.stdout).toContain('\r\x1b[2K█');
      expect(result.stdout).toMatch(/█+ 24\/24 {2}0 failed {2}[\d.]+\/s {2}ETA 0:00/);
    });
  });

  describe('with --dry-run', () => {
    it('reports every bad row with line, field and reason, and sends nothing', async () => {
      const dir = await tempDir();
      const file = join(dir, 'bad.csv');
      const lines = [
        HEADER.join(';'),
        customerCells(1).join(';'),
        ['', ...customerCells(2).slice(1)].join(';'),
        customerCells(3)
          .map((c, i) => (i === 4 ? 'Côte' : c))
          .join(';'),
      ];
      await writeFile(file, `${lines.join('\n')}\n`);
      const result = await importIn(dir, file, ['--dry-run'], { DIGITALPAYE_BASE_URL: '' });

      expect(result.code).toBe(1);
      expect(result.stdout).toContain('line 3: firstName: required, the cell is empty');
      expect(result.stdout).toMatch(/line 4: countryCode: .+/);
      expect(result.stdout).toContain('3 rows checked: 1 valid, 2 invalid');
      expect(existsSync(result.journal)).toBe(false);
    });

    it('exits 0 when every row is valid', async () => {
      const dir = await tempDir();
      const file = join(dir, 'good.csv');
      await writeFile(file, `${HEADER.join(';')}\n${customerCells(1).join(';')}\n`);

      expect((await importIn(dir, file, ['--dry-run'])).code).toBe(0);
    });
  });

  describe('reading files as spreadsheets export them', () => {
    it('reads a comma CSV with a BOM, CRLF, mixed-case headers and a quoted newline', async () => {
      const dir = await tempDir();
      const file = join(dir, 'export.csv');
      const header =
        'First Name,LASTNAME,Email,phone_number,Address.CountryCode,city,streetAddress';
      const row =
        'Adjoua,Yao,adjoua.yao@example.com,0100000103,CI,Bouaké,"Commerce, avenue 12\r\nporte 3"';
      await writeFile(file, `\uFEFF${header}\r\n${row}\r\n`);
      const result = await importIn(dir, file, ['--json']);

      expect(result.stderr).toBe('');
      expect(JSON.parse(result.stdout)).toMatchObject({ created: 1, failed: 0, invalid: 0 });
      expect(result.code).toBe(0);
    });

    it('reads JSON lines, nested address or flat', async () => {
      const dir = await tempDir();
      const file = join(dir, 'customers.jsonl');
      const [firstName, lastName, email, phoneNumber, countryCode, city, streetAddress] =
        customerCells(7);
      const nested = {
        firstName,
        lastName,
        email,
        phoneNumber,
        address: { countryCode, city, streetAddress },
      };
      const flat = { firstName, lastName, email, phoneNumber, countryCode, city, streetAddress };
      await writeFile(file, `${JSON.stringify(nested)}\n\n${JSON.stringify(flat)}\n`);
      const result = await importIn(dir, file, ['--json']);

      expect(JSON.parse(result.stdout)).toMatchObject({ created: 2 });
      expect(result.code).toBe(0);
    });

    it('reports a JSON line that is not an object as a bad row', async () => {
      const dir = await tempDir();
      const file = join(dir, 'customers.jsonl');
      await writeFile(file, '{"firstName": "Aya"\n');
      const result = await importIn(dir, file, ['--dry-run']);

      expect(result.code).toBe(1);
      expect(result.stdout).toContain('line 1: (row): not a JSON object');
    });

    it('reads an Excel "sep=;" first line as the delimiter, not as the header', async () => {
      const dir = await tempDir();
      const file = join(dir, 'excel.csv');
      const lines = [
        'sep=;',
        HEADER.join(';'),
        customerCells(1).join(';'),
        customerCells(2).join(';'),
      ];
      lines[3] = lines[3]?.replace('client2@example.com', 'client2-at-example.com') ?? '';
      await writeFile(file, `${lines.join('\r\n')}\r\n`);
      const result = await importIn(dir, file, ['--dry-run']);

      expect(result.stderr).not.toContain('error');
      expect(result.stdout).toMatch(/line 4: email: .+/);
      expect(result.stdout).toContain('2 rows checked: 1 valid, 1 invalid');
    });

    describe('JSON lines, mapped strictly', () => {
      const customer = () => {
        const [firstName, lastName, email, phoneNumber] = customerCells(1);
        return { firstName, lastName, email, phoneNumber };
      };

      it('reports a deeply nested address as a bad row, naming the line, without crashing', async () => {
        const dir = await tempDir();
        const file = join(dir, 'deep.jsonl');
        const depth = 60_000;
        const deep = `${'{"address":'.repeat(depth)}{}${'}'.repeat(depth)}`;
        const [, , , , countryCode, city, streetAddress] = customerCells(1);
        const good = JSON.stringify({ ...customer(), countryCode, city, streetAddress });
        const line = `${JSON.stringify(customer()).slice(0, -1)},"address":${deep}}`;
        await writeFile(file, `${good}\n${line}\n`);
        const result = await importIn(dir, file, ['--dry-run']);

        expect(result.stderr).not.toMatch(/RangeError|stack|\bat /);
        expect(result.stdout).toContain('line 2: address.address: not an address field');
        expect(result.stdout).toContain('2 rows checked: 1 valid, 1 invalid');
        expect(result.code).toBe(1);

        const imported = await importIn(dir, file, ['--json']);
        expect(JSON.parse(imported.stdout)).toMatchObject({ created: 1, invalid: 1 });
        expect(readFileSync(imported.failed, 'utf8')).toMatch(
          /,2,"?address\.address: not an address field/,
        );
      });

      it('notes the unknown top-level keys of every row, not only the first', async () => {
        const dir = await tempDir();
        const file = join(dir, 'customers.jsonl');
        const [, , , , countryCode, city, streetAddress] = customerCells(1);
        const row = (extra: object) =>
          JSON.stringify({ ...customer(), countryCode, city, streetAddress, ...extra });
        await writeFile(file, `${row({ id: 1 })}\n${row({ id: 2, notes: { vip: true } })}\n`);
        const result = await importIn(dir, file, ['--dry-run']);

        expect(result.stderr).toContain('note: ignoring columns id\n');
        expect(result.stderr).toContain('note: ignoring columns notes\n');
        expect(result.code).toBe(0);
      });

      it.each([
        [{ address: { address: { city: 'X' } } }, 'address.address: not an address field'],
        [{ address: { countryCode: 'CI', city: { name: 'X' } } }, 'address.city: expected a value'],
        [{ address: 'Abidjan' }, 'address: expected an object with countryCode, city'],
        [{ address: { city: 'X', zip: '00225' } }, 'address.zip: not an address field'],
        [{ email: { value: 'a@example.com' } }, 'email: expected a value'],
        [{ city: 'X', address: { city: 'Y' } }, 'address.city: city is given twice'],
      ])('reports %j instead of taking a value from it', async (fields, message) => {
        const dir = await tempDir();
        const file = join(dir, 'customers.jsonl');
        await writeFile(
          file,
          `${JSON.stringify({ ...customer(), countryCode: 'CI', ...fields })}\n`,
        );
        const result = await importIn(dir, file, ['--dry-run']);

        expect(result.stdout).toContain(`line 1: ${message}`);
        expect(result.code).toBe(1);
      });
    });

    it('reports a row with more cells than the header (an unquoted separator)', async () => {
      const dir = await tempDir();
      const file = join(dir, 'shifted.csv');
      await writeFile(file, `${HEADER.join(';')}\n${customerCells(1).join(';')};extra\n`);
      const result = await importIn(dir, file, ['--dry-run']);

      expect(result.code).toBe(1);
      expect(result.stdout).toContain('line 2: (row): 8 cells for 7 columns');
    });
  });

  describe('exit code 2', () => {
    it('when the file does not exist', async () => {
      const result = await importIn(await tempDir(), 'nowhere.csv');

      expect(result.code).toBe(2);
      expect(result.stderr).toContain('cannot read nowhere.csv: ENOENT');
    });

    it('when a required column is missing from the header', async () => {
      const dir = await tempDir();
      const file = join(dir, 'no-email.csv');
      await writeFile(file, 'firstName,lastName,phoneNumber,countryCode,city,streetAddress\n');
      const result = await importIn(dir, file);

      expect(result.code).toBe(2);
      expect(result.stderr).toContain('error: the header has no column email (columns found:');
    });

    it('when the file is not UTF-8, naming the fix', async () => {
      const dir = await tempDir();
      const file = join(dir, 'latin1.csv');
      const latin1 = Buffer.from(
        `${HEADER.join(';')}\nS\xe9raphin;Kacou;s@example.com;0102030405;CI;Daloa;Lobia\n`,
        'latin1',
      );
      await writeFile(file, latin1);
      const result = await importIn(dir, file, ['--dry-run']);

      expect(result.code).toBe(2);
      expect(result.stderr).toContain('CSV UTF-8');
    });

    it('when a record is longer than 1 MiB, so not a customer file', async () => {
      const dir = await tempDir();
      const file = join(dir, 'huge.csv');
      await writeFile(file, `${HEADER.join(',')}\n"${'x'.repeat(1_100_000)}"\n`);
      const result = await importIn(dir, file, ['--dry-run']);

      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/huge\.csv line 2 is longer than 1048576 bytes/);
    });

    it('when a quote is never closed', async () => {
      const dir = await tempDir();
      const file = join(dir, 'broken.csv');
      await writeFile(file, `${HEADER.join(',')}\n"Aya,Kouassi\n`);
      const result = await importIn(dir, file, ['--dry-run']);

      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/broken\.csv line \d+ is not valid CSV/);
    });

    it('when --retry-unknown comes without --resume', async () => {
      const result = await importIn(await tempDir(), example, ['--retry-unknown']);

      expect(result.code).toBe(2);
      expect(result.stderr).toContain('--retry-unknown only goes with --resume');
    });

    it.each(['0', '33', '0x10', '1e1', '4.0', ' 4', '-1', ''])(
      'when --concurrency is %j, not a plain number from 1 to 32',
      async (value) => {
        const result = await importIn(await tempDir(), example, ['--concurrency', value]);

        expect(result.code).toBe(2);
        expect(result.stderr).toContain('--concurrency');
      },
    );
  });
});
