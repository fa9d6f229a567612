import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** One canary found where it must never be. */
export interface Leak {
  /** File (relative to the swept folder) or stream name. */
  where: string;
  /** 1-based line of the first hit. */
  line: number;
  /** Name of the canary, never its value; `(part)` when only a piece of it was found. */
  canary: string;
}

/** Length of the pieces looked for, so that a secret cut short by an excerpt is still found. */
export const PIECE = 24;
/** Texts longer than this are searched for whole canaries only. */
const PIECE_SEARCH_LIMIT = 4 * 1024 * 1024;

/**
 * Every piece of `PIECE` characters of each canary, by piece. A JWT's first
 * segment is the same for every HS256 token and is left out.
 */
function piecesOf(canaries: Map<string, string>): Map<string, string> {
  const pieces = new Map<string, string>();
  for (const [name, value] of canaries) {
    const segments = value.split('.');
    const secretPart = segments.length === 3 ? segments.slice(1).join('.') : value;
    for (let i = 0; i + PIECE <= secretPart.length; i++) {
      pieces.set(secretPart.slice(i, i + PIECE), name);
    }
  }
  return pieces;
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * Finds every canary in a text, whole or in pieces of {@link PIECE}
 * characters; reports each canary once per text.
 */
export function findLeaks(text: string, where: string, canaries: Map<string, string>): Leak[] {
  const leaks = new Map<string, Leak>();
  for (const [name, value] of canaries) {
    const at = text.indexOf(value);
    if (at !== -1) leaks.set(name, { where, line: lineAt(text, at), canary: name });
  }

  if (text.length <= PIECE_SEARCH_LIMIT) {
    const pieces = piecesOf(canaries);
    for (let i = 0; i + PIECE <= text.length; i++) {
      const name = pieces.get(text.slice(i, i + PIECE));
      if (name === undefined || leaks.has(name)) continue;
      leaks.set(name, { where, line: lineAt(text, i), canary: `${name} (part)` });
    }
  }
  return [...leaks.values()];
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** Sweeps every file under `dir`, except the names in `skip`, for canaries. */
export async function sweepFolder(
  dir: string,
  canaries: Map<string, string>,
  skip: readonly string[] = [],
): Promise<{ files: number; bytes: number; leaks: Leak[] }> {
  const leaks: Leak[] = [];
  let files = 0;
  let bytes = 0;
  for (const file of await filesUnder(dir)) {
    const where = relative(dir, file);
    if (skip.includes(where)) continue;
    const text = await readFile(file, 'utf8');
    files++;
    bytes += text.length;
    leaks.push(...findLeaks(text, where, canaries));
  }
  return { files, bytes, leaks };
}
