import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    passWithNoTests: false,
    // The lint and diff tests start Redocly, Spectral and optic, each a second or two of CPU.
    // Generous, because a loaded two-core machine can stretch each of them tenfold.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
