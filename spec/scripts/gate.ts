import { relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type PendingChangeset, readChangesets } from './changesets.js';
import { diffSpecs, formatDiff, type SpecDiff } from './diff.js';
import { specDir, specPairArgs } from './run.js';

/** The packages whose users a breaking spec change reaches. */
export const PUBLISHED = ['@digitalpaye/openapi', '@digitalpaye/client'] as const;

export interface GateVerdict {
  pass: boolean;
  message: string;
}

/**
 * A breaking change may ship only when pending changesets declare a major
 * bump of every published package.
 */
export function gateVerdict(diff: SpecDiff, changesets: PendingChangeset[]): GateVerdict {
  if (!diff.breaking) {
    return { pass: true, message: 'No breaking change against the last release.' };
  }

  const declaring = (name: string) =>
    changesets.filter((c) => c.bumps[name] === 'major').map((c) => c.file);
  const missing = PUBLISHED.filter((name) => declaring(name).length === 0);

  if (missing.length === 0) {
    const files = [...new Set(PUBLISHED.flatMap(declaring))].join(', ');
    return {
      pass: true,
      message: `Breaking change against the last release, declared as major by ${files}.`,
    };
  }

  return {
    pass: false,
    message: [
      'The spec breaks the last release, and no pending changeset declares a major bump of',
      `${missing.join(' and ')}. Undo the breaking change, or run \`pnpm changeset\`, pick`,
      `major for ${PUBLISHED.join(' and ')}, and say plainly what breaks.`,
    ].join('\n'),
  };
}

async function main(argv: string[]): Promise<number> {
  const { base, head, changesets } = specPairArgs(argv);

  const diff = await diffSpecs(base, head);
  const verdict = gateVerdict(diff, readChangesets(changesets));

  if (!verdict.pass) console.error(`${formatDiff(diff)}\n`);
  console[verdict.pass ? 'log' : 'error'](
    `spec gate (${relative(specDir, head)} against ${relative(specDir, base)}): ${verdict.message}`,
  );
  return verdict.pass ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2)).catch((error: Error) => {
    console.error(error.message);
    return 2;
  });
}
