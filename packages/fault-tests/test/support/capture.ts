import { appendFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';

/**
 * Where the tests leave everything a leak could hide in: log lines, errors
 * as printed, CLI output, journals and report files. `pnpm test:faults`
 * sets it and sweeps it for the canaries afterwards; a bare `vitest` run
 * gets a throw-away folder.
 */
export const captureDir =
  process.env.DIGITALPAYE_FAULT_CAPTURE ?? mkdtempSync(join(tmpdir(), 'digitalpaye-faults-'));

/** The file listing issued tokens, which the sweep looks for but does not sweep. */
export const TOKENS_FILE = 'issued-tokens.txt';

/** Appends lines to a capture file. */
export function capture(file: string, ...lines: string[]): void {
  appendFileSync(join(captureDir, file), lines.map((line) => `${line}\n`).join(''));
}

/** Records every way an error can be printed: message, stack, inspect, JSON, causes. */
export function captureError(file: string, error: unknown): void {
  const seen = error instanceof Error ? error : new Error(String(error));
  capture(file, String(seen), seen.stack ?? '', inspect(seen, { depth: 6 }), JSON.stringify(seen));
}

/** Records tokens the sweep must then find nowhere. */
export function recordTokens(tokens: readonly string[]): void {
  if (tokens.length > 0) capture(TOKENS_FILE, ...tokens);
}

/** A fresh folder under the capture folder, for a CLI run's journal and reports. */
export function captureFolder(name: string): string {
  const dir = join(captureDir, name);
  mkdirSync(dir, { recursive: true });
  return mkdtempSync(join(dir, 'run-'));
}
