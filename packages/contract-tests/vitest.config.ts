import { defineConfig } from 'vitest/config';

// `pnpm contract:live` runs only the API suite (test/*.test.ts); test/tooling
// checks the tooling itself against stand-ins and must not run against a server.
const live = process.env.DIGITALPAYE_CONTRACT_LIVE === '1';

export default defineConfig({
  test: {
    include: live ? ['test/*.test.ts'] : ['test/**/*.test.ts'],
    globalSetup: ['./global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 90_000,
    // The tooling tests start Prism and vitest processes of their own.
    fileParallelism: false,
  },
});
