import { defineConfig } from 'tsup';

const shared = { sourcemap: false, target: 'node18', platform: 'neutral' } as const;

export default defineConfig([
  {
    // One file per module, so a bundler that honours `sideEffects: false` drops
    // whole modules (valibot and the schemas) that a program does not import.
    ...shared,
    entry: ['src/**/*.ts'],
    format: ['esm'],
    bundle: false,
    dts: { entry: 'src/index.ts' },
    clean: true,
  },
  { ...shared, entry: ['src/index.ts'], format: ['cjs'], dts: true },
]);
