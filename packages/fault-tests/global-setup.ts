import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Gives a bare `vitest` run a capture folder of its own, removed afterwards.
 * `pnpm test:faults` sets DIGITALPAYE_FAULT_CAPTURE itself and sweeps the
 * folder before removing it.
 */
export default async function setup() {
  if (process.env.DIGITALPAYE_FAULT_CAPTURE) return;
  const dir = await mkdtemp(join(tmpdir(), 'digitalpaye-faults-'));
  process.env.DIGITALPAYE_FAULT_CAPTURE = dir;
  return () => rm(dir, { recursive: true, force: true });
}
