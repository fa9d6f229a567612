import { startPrism } from '@digitalpaye/testkit';
import type { TestProject } from 'vitest/node';

/**
 * Starts a Prism mock from spec/openapi.yaml unless DIGITALPAYE_CONTRACT_URL
 * already names a server, so the same tests can run against a proxy or a
 * sandbox. `pnpm contract:live` sets it to its validating proxy and sets
 * DIGITALPAYE_CONTRACT_LIVE=1.
 */
export default async function setup(project: TestProject) {
  const given = process.env.DIGITALPAYE_CONTRACT_URL;
  project.provide('live', process.env.DIGITALPAYE_CONTRACT_LIVE === '1');
  if (given) {
    project.provide('contractUrl', given);
    project.provide('isPrism', process.env.DIGITALPAYE_CONTRACT_PRISM === '1');
    return;
  }

  const prism = await startPrism({ errors: true });
  process.env.DIGITALPAYE_CONTRACT_URL = prism.url;
  project.provide('contractUrl', prism.url);
  project.provide('isPrism', true);
  return () => prism.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    contractUrl: string;
    isPrism: boolean;
    /** Set by `pnpm contract:live`: a real server behind a validating proxy. */
    live: boolean;
  }
}
