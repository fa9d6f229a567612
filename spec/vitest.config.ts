import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    passWithNoTests: false,
    // The lint and diff tests start Redocly, Spectral and optic, each a second or two of CPU.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
