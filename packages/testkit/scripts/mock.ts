/**
 * `pnpm mock`: serves spec/openapi.yaml with Prism on 127.0.0.1 (port from
 * PORT, default 4010), prints a ready-to-paste request for each operation,
 * and keeps serving until Ctrl-C. Prism reloads the spec when it is saved.
 *
 * Usage: pnpm mock [--spec path/to/openapi.yaml]
 */
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { curlExamples, defaultSpecPath, loadOpenApi, startPrism } from '../src/index.js';

// startPrism's readiness probe; its 404 is expected and not worth showing.
const READY_PROBE = '/__ready';

function portFromEnv(): number {
  const raw = process.env.PORT ?? '4010';
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    console.error(
      `PORT is "${raw}": set it to a port number between 1 and 65535, or unset it for 4010`,
    );
    process.exit(2);
  }
  return port;
}

const { values } = parseArgs({ options: { spec: { type: 'string' } } });
const spec = resolve(process.env.INIT_CWD ?? process.cwd(), values.spec ?? defaultSpecPath);
const shownSpec = relative(process.env.INIT_CWD ?? process.cwd(), spec) || spec;
const port = portFromEnv();

const prism = await startPrism({
  spec,
  port,
  onOutput: (line) => {
    if (line.includes('Restarting Prism')) console.log(`${shownSpec} changed: Prism reloaded it.`);
    else if (/✖|fatal/i.test(line) && !line.includes(READY_PROBE)) console.log(line);
  },
}).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  console.error(`If port ${port} is taken, choose another: PORT=4011 pnpm mock`);
  process.exit(1);
});

console.log(`Prism mock of ${shownSpec} listening on ${prism.url} (pid ${prism.pid})`);
console.log('Saving the spec reloads it; no restart is needed. Stop with Ctrl-C.\n');
console.log(curlExamples(loadOpenApi(spec), prism.url));

let stopping = false;
const stop = async (code: number) => {
  if (stopping) return;
  stopping = true;
  await prism.stop();
  process.exit(code);
};
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
void prism.exited.then(() => {
  if (stopping) return;
  console.error(`Prism stopped unexpectedly:\n${prism.output()}`);
  process.exit(1);
});
