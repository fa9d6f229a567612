/** How much work each benchmark does. `quick` only proves that every benchmark still runs. */
export interface Settings {
  quick: boolean;
  /** Calls per round and peer in the per-call benchmark. */
  calls: number;
  /** Calls per peer before the first measured round, so the JIT has settled. */
  warmup: number;
  /** Measured rounds; the peers take turns within each round. */
  rounds: number;
  /** Calls in flight at once in the concurrent mode. */
  concurrency: number;
  /** Fresh Node processes per package in the start-up benchmark. */
  startupRuns: number;
  /** Regenerations per generator in the codegen benchmark. */
  codegenRuns: number;
}

export const FULL: Settings = {
  quick: false,
  calls: 100,
  warmup: 500,
  rounds: 51,
  concurrency: 16,
  startupRuns: 15,
  codegenRuns: 5,
};

export const QUICK: Settings = {
  quick: true,
  calls: 40,
  warmup: 20,
  rounds: 2,
  concurrency: 16,
  startupRuns: 1,
  codegenRuns: 1,
};
