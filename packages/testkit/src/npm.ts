import { type CommandResult, isolatedEnv, runCommand } from './command.js';

/** Where npm installs from and publishes to, and the cache it keeps between runs. */
export interface NpmRegistry {
  /** Registry URL, e.g. the one `startVerdaccio` returns. */
  url: string;
  /** `.npmrc` used instead of the user's own. */
  npmrc: string;
  /** npm's cache folder. */
  cache: string;
}

/**
 * Runs `npm <args>` against `registry` only: the user's `.npmrc` and any npm
 * settings inherited from a package script are replaced by the registry's.
 */
export function runNpm(args: string[], cwd: string, registry: NpmRegistry): Promise<CommandResult> {
  const settings = [
    `--registry=${registry.url}`,
    `--userconfig=${registry.npmrc}`,
    `--cache=${registry.cache}`,
    '--no-audit',
    '--no-fund',
    '--no-update-notifier',
    '--loglevel=error',
  ];
  return runCommand('npm', [...args, ...settings], { cwd, env: isolatedEnv() });
}
