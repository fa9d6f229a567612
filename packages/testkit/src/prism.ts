import { createRequire } from 'node:module';
import { freePort } from './ports.js';
import {
  type LaunchOptions,
  packageFile,
  type RunningServer,
  spawnNodeServer,
  waitUntilAnswering,
} from './server-process.js';

const require = createRequire(import.meta.url);

/** The spec every mock is started from unless told otherwise. */
export const defaultSpecPath = require.resolve('@digitalpaye/openapi/openapi.yaml');

export interface PrismOptions extends LaunchOptions {
  /** OpenAPI document to serve. @default the workspace's spec/openapi.yaml */
  spec?: string;
  /** Port on 127.0.0.1. @default a free port */
  port?: number;
  /** Answer requests that break the spec with an error (`--errors`). @default true */
  errors?: boolean;
}

export interface PrismProxyOptions extends PrismOptions {
  /** The server Prism forwards to and validates, e.g. `http://127.0.0.1:4020`. */
  upstream: string;
}

/** A running Prism; `url` is e.g. `http://127.0.0.1:4010`. */
export interface PrismServer extends RunningServer {
  port: number;
}

/**
 * Starts `prism mock` on 127.0.0.1, waits until it answers, and returns its
 * URL and a `stop` that ends it by PID.
 */
export function startPrism(options: PrismOptions = {}): Promise<PrismServer> {
  return launch(['mock'], options);
}

/**
 * Starts `prism proxy` on 127.0.0.1 in front of `upstream`: every request and
 * response that crosses it is validated against the spec, and with `errors`
 * (the default) a violation is answered with an error carrying an
 * `sl-violations` header instead of being passed on.
 */
export function startPrismProxy(options: PrismProxyOptions): Promise<PrismServer> {
  return launch(['proxy'], options, [options.upstream]);
}

async function launch(
  command: string[],
  options: PrismOptions,
  trailing: string[] = [],
): Promise<PrismServer> {
  const spec = options.spec ?? defaultSpecPath;
  const port = options.port ?? (await freePort());
  const bin = packageFile('@stoplight/prism-cli', 'dist', 'index.js');
  const args = [bin, ...command, '--host', '127.0.0.1', '--port', String(port)];
  if (options.errors ?? true) args.push('--errors');
  args.push(spec, ...trailing);

  const server = spawnNodeServer(args, { onOutput: options.onOutput });
  const url = `http://127.0.0.1:${port}`;

  try {
    // Any HTTP answer, even a 4xx for this unknown path, means Prism is up.
    await waitUntilAnswering('prism', `${url}/__ready`, server, options.startTimeout ?? 60_000);
  } catch (error) {
    await server.stop();
    throw error;
  }

  const { pid, exited, output, stop } = server;
  return { url, port, pid, exited, output, stop };
}
