import { type RunResult, runBin, specDir } from '../scripts/run.js';

/** Runs one of the package's scripts the way `pnpm spec:*` does, from the spec folder. */
export function runTsx(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<RunResult> {
  return runBin('tsx', [script, ...args], { env: { ...process.env, INIT_CWD: specDir, ...env } });
}
