import type { BundleResults } from './bundle/measure.js';
import type { CallResults } from './calls/run.js';
import type { CodegenResults } from './codegen/run.js';
import type { Machine } from './machine.js';
import type { Settings } from './settings.js';
import type { StartupResults } from './startup/run.js';

/** Everything one `pnpm bench` run measured. */
export interface BenchResults {
  settings: Settings;
  machine: Machine;
  /** The `@digitalpaye/client` measured: its version and the commit it was built from. */
  client: { version: string; commit: string };
  calls: CallResults;
  bundles: BundleResults;
  startup: StartupResults;
  codegen: CodegenResults;
}
