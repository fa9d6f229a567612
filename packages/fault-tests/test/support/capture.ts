import { appendFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';

function captureFolderFromEnv(): string {
  const dir = process.env.DIGITALPAYE_FAULT_CAPTURE;
  if (!dir) throw new Error('DIGITALPAYE_FAULT_CAPTURE is not set: run through vitest.config.ts');
  return dir;
}

/**
 * Where the tests leave everything a leak could hide in: log lines, errors
 * as printed, CLI output, journals and report files. `pnpm test:faults`
 * sets it and sweeps it for the canaries afterwards; a bare `vitest` run
 * gets a throw-away folder from global-setup.ts.
 */
export const captureDir = captureFolderFromEnv();

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
