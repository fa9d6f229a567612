import { readFileSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';

/**
 * Marks every valibot call of the generated schemas as pure, so that a
 * bundler drops the schemas a program never reads (they are plain calls,
 * which a bundler must otherwise keep).
 */
const pureSchemas: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'pure-schemas',
  setup(build) {
    build.onLoad({ filter: /valibot\.gen\.ts$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replace(/\bv\.\w+\(/g, '/* @__PURE__ */ $&'),
      loader: 'ts',
    }));
  },
};

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

const shared: Options = {
  dts: { entry: 'src/index.ts' },
  sourcemap: false,
  target: 'node18',
  platform: 'neutral',
  define: { __SDK_VERSION__: JSON.stringify(version) },
  esbuildPlugins: [pureSchemas],
};

export default defineConfig([
  // ESM keeps one file per module, so that a bundler drops the modules a
  // program does not use (`sideEffects: false`): the generated client and the
  // schemas stay out of a bundle that only uses the DigitalPaye class, and
  // the other way round.
  { ...shared, entry: ['src/**/*.ts'], format: ['esm'], bundle: false, clean: true },
  { ...shared, entry: ['src/index.ts'], format: ['cjs'] },
]);
