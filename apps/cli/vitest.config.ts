import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The 100 000-row import takes a minute or more on two cores; it runs on its own
    // as `pnpm test:stress` (and in CI), so `pnpm test` stays quick.
    exclude: ['test/stress/**', '**/node_modules/**'],
    globalSetup: ['./global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
