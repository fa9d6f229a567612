import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export type Bump = 'major' | 'minor' | 'patch' | 'none';

export interface PendingChangeset {
  file: string;
  bumps: Record<string, Bump>;
  summary: string;
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

/** The changesets waiting in `.changeset/` to be released, with the bump each declares. */
export function readChangesets(dir: string): PendingChangeset[] {
  if (!existsSync(dir)) return [];

  return readdirSync(dir)
    .filter((name) => name.endsWith('.md') && name !== 'README.md')
    .sort()
    .map((name) => {
      const text = readFileSync(join(dir, name), 'utf8');
      const match = FRONT_MATTER.exec(text);
      if (!match) {
        throw new Error(
          `${join(dir, name)}: a changeset starts with a front matter block between two --- lines that names each package and its bump`,
        );
      }
      return {
        file: name,
        bumps: (parse(match[1] ?? '') ?? {}) as Record<string, Bump>,
        summary: (match[2] ?? '').trim(),
      };
    });
}
