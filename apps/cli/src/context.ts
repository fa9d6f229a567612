import type { Language, Messages } from './messages.js';

export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

/** Exit codes: 130 is the shell's convention for a run stopped by Ctrl-C. */
export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

/** Bad flags, input or files: the CLI prints the message and exits 2. */
export class UsageError extends Error {}

/** Flags as parsed, shared by every command. */
export interface Flags {
  [name: string]: string | boolean | undefined;
  json?: boolean;
  timeout?: string;
}

export interface Context {
  io: Io;
  t: Messages;
  language: Language;
  flags: Flags;
  /** Positionals after the command words, e.g. the import FILE. */
  args: string[];
}

/**
 * Reads a whole-number flag written in plain decimal digits (not `0x10`,
 * `1e1` or `4.0`), refusing anything outside [min, max].
 */
export function numberFlag(
  ctx: Context,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const raw = ctx.flags[name];
  if (raw === undefined) return undefined;
  const value = typeof raw === 'string' && /^[0-9]+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(ctx.t.badNumber(`--${name}`, String(raw), `${min}-${max}`));
  }
  return value;
}
