import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** One canary found where it must never be. */
export interface Leak {
  /** File (relative to the swept folder) or stream name. */
  where: string;
  /** 1-based line of the first hit. */
  line: number;
  /** Name of the canary, never its value. */
  canary: string;
}

/** Finds every canary in a text; reports each canary once per text. */
export function findLeaks(text: string, where: string, canaries: Map<string, string>): Leak[] {
  const leaks: Leak[] = [];
  for (const [name, value] of canaries) {
    const at = text.indexOf(value);
    if (at === -1) continue;
    leaks.push({ where, line: text.slice(0, at).split('\n').length, canary: name });
  }
  return leaks;
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
