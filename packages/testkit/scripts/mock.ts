/**
 * `pnpm mock`: serves spec/openapi.yaml with Prism on 127.0.0.1 (port from
 * PORT, default 4010), prints a ready-to-paste request for each operation,
 * and keeps serving until Ctrl-C. Prism reloads the spec when it is saved; if
 * a saved spec cannot be served, the mock starts again at the next save.
 *
 * Usage: pnpm mock [--spec path/to/openapi.yaml]
 */
import { existsSync, type Stats, statSync, unwatchFile, watchFile } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  curlExamples,
  defaultSpecPath,
  loadOpenApi,
  type PrismServer,
  startPrism,
} from '../src/index.js';

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
const fromHere = relative(process.env.INIT_CWD ?? process.cwd(), spec);
const shownSpec = fromHere.startsWith('..') ? spec : fromHere;
const port = portFromEnv();
if (!existsSync(spec)) {
  console.error(`--spec: there is no file at ${spec}; give the path of an OpenAPI document`);
  process.exit(2);
}

// Handled before Prism starts, so a Ctrl-C during start-up still stops it.
let prism: PrismServer | undefined;
let stopping = false;
const stop = async (code: number) => {
  if (stopping) return;
  stopping = true;
  await prism?.stop();
  process.exit(code);
};
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

const serve = () =>
  startPrism({
    spec,
    port,
    onOutput: (line) => {
      if (line.includes('Restarting Prism'))
        console.log(`${shownSpec} changed: Prism reloaded it.`);
      else if (/✖|fatal/i.test(line) && !line.includes(READY_PROBE)) console.log(line);
    },
  });

/**
 * Settles once the spec file's modification time differs from `since`. The
 * time is taken before the user is told to save, so a save made at once is
 * never missed.
 */
function savedAfter(since: number): Promise<void> {
  return new Promise((resolve) => {
    const listener = (current: Stats) => {
      if (current.mtimeMs === since) return;
      unwatchFile(spec, listener);
      resolve();
    };
    watchFile(spec, { interval: 300 }, listener);
    listener(statSync(spec));
  });
}

// Prism reloads a saved spec by itself, but exits when the saved spec cannot
// be read; then wait for the next save and start it again on the same port.
async function keepServing(first: PrismServer): Promise<void> {
  let current = first;
  for (;;) {
    await current.exited;
    if (stopping) return;
    let since = statSync(spec).mtimeMs;
    console.log(`Prism stopped. Fix ${shownSpec} and save it: the mock restarts then.`);

    for (;;) {
      await savedAfter(since);
      since = statSync(spec).mtimeMs;
      if (stopping) return;
      try {
        current = await serve();
        prism = current;
        console.log(
          `${shownSpec} changed: Prism restarted on ${current.url} (pid ${current.pid}).`,
        );
        break;
      } catch {
        console.log(`${shownSpec} still cannot be served; save it again once fixed.`);
      }
    }
  }
}

const server = await serve().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  console.error(`If port ${port} is taken, choose another: PORT=4011 pnpm mock`);
  process.exit(1);
});
prism = server;

console.log(`Prism mock of ${shownSpec} listening on ${server.url} (pid ${server.pid})`);
console.log('Saving the spec reloads it; no restart is needed. Stop with Ctrl-C.\n');
console.log(curlExamples(loadOpenApi(spec), server.url));

void keepServing(server);
