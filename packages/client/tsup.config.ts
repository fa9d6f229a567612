import { readFileSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

const shared: Options = {
  dts: { entry: 'src/index.ts' },
  sourcemap: false,
  target: 'node18',
  platform: 'neutral',
  define: { __SDK_VERSION__: JSON.stringify(version) },
};

export default defineConfig([
  // ESM keeps one file per module, so that a bundler drops the modules a
  // program does not use (`sideEffects: false`): the generated client and the
  // schemas stay out of a bundle that only uses the DigitalPaye class, and
  // the other way round.
  { ...shared, entry: ['src/**/*.ts'], format: ['esm'], bundle: false, clean: true },
  { ...shared, entry: ['src/index.ts'], format: ['cjs'] },
]);
