import { join } from 'node:path';
import { startCountingApi } from '@digitalpaye/testkit';
import { describe, expect, it, onTestFinished } from 'vitest';
import { writeCustomersCsv } from '../fixtures.js';
import { apiEnv, peakMemory, startCli, tempDir } from '../run-cli.js';

const ROWS = 100_000;
/**
 * An ignored 700-byte `notes` column makes the file about 80 MB, so that
 * reading it whole would need far more than the limit (some 330 MB here,
 * parsed into records), while requests stay small.
 */
const NOTES_BYTES = 700;
const PEAK_LIMIT_MB = 230;

describe('customers import on a 100 000-row file', () => {
  it('validates and imports every row once, streaming, under a bounded peak memory', async () => {
    const api = await startCountingApi();
    onTestFinished(() => api.stop());
    const file = join(await tempDir(), 'big.csv');
    await writeCustomersCsv(file, ROWS, { delimiter: ';', notes: NOTES_BYTES });

    const started = Date.now();
    const cli = startCli(
      ['customers', 'import', file, '--concurrency', '16', '--json'],
      apiEnv(api.url),
    );
    const memory = peakMemory(cli.child.pid ?? 0);
    const result = await cli.done;
    const peak = memory.stop();
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.info(`${ROWS} rows imported in ${seconds} s, peak RSS ${peak.toFixed(0)} MB`);

    expect(result.stderr).toBe('note: ignoring columns notes\n');
    expect(JSON.parse(result.stdout)).toMatchObject({ rows: ROWS, created: ROWS, failed: 0 });
    expect(result.code).toBe(0);
    expect(api.created).toBe(ROWS);
    expect(api.createdByEmail.size).toBe(ROWS);
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThan(PEAK_LIMIT_MB);
  }, 300_000);
});
