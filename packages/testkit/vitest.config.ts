import { defineConfig } from 'vitest/config';

// Most files here start Prism processes; on a 2-core machine they start faster
// one file at a time than all at once.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 90_000,
  },
});
