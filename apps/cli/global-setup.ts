import { startPrism } from '@digitalpaye/testkit';
import type { TestProject } from 'vitest/node';

/** One Prism mock from spec/openapi.yaml for every CLI test file, stopped by PID at the end. */
export default async function setup(project: TestProject) {
  const prism = await startPrism({ errors: true });
  project.provide('prismUrl', prism.url);
  return () => prism.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    prismUrl: string;
  }
}
