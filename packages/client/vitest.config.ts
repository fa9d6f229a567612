import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

export default defineConfig({
  define: { __SDK_VERSION__: JSON.stringify(version) },
  test: {
    include: ['test/**/*.test.ts'],
    passWithNoTests: false,
    // Some tests spawn the code generator or turbo; a busy 2-core CI machine needs the margin.
    testTimeout: 20_000,
  },
});
