import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { freePort } from './ports.js';

const require = createRequire(import.meta.url);

/** The spec every mock is started from unless told otherwise. */
export const defaultSpecPath = require.resolve('@digitalpaye/openapi/openapi.yaml');

export interface PrismOptions {
  /** OpenAPI document to serve. @default the workspace's spec/openapi.yaml */
  spec?: string;
  /** Port on 127.0.0.1. @default a free port */
  port?: number;
  /** Answer requests that break the spec with an error (`--errors`). @default true */
  errors?: boolean;
  /** Give up waiting for the first answer after this many ms. @default 60000 */
  startTimeout?: number;
  /** Receives Prism's own output lines; dropped when absent. */
  onOutput?: (line: string) => void;
}

export interface PrismProxyOptions extends PrismOptions {
  /** The server Prism forwards to and validates, e.g. `http://127.0.0.1:4020`. */
  upstream: string;
}

export interface PrismServer {
  /** Base URL, e.g. `http://127.0.0.1:4010`. */
  url: string;
  port: number;
  pid: number;
  /** Settles when the process ends, however it ends. */
  exited: Promise<void>;
  /** Prism's recent output lines, for error messages. */
  output(): string;
  /** Stops the process by its PID and waits for it to exit. Safe to call twice. */
  stop(): Promise<void>;
}

function prismBin(): string {
  const manifest = require.resolve('@stoplight/prism-cli/package.json');
  return join(dirname(manifest), 'dist', 'index.js');
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function waitUntilAnswering(
  url: string,
  child: ChildProcess,
  timeout: number,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + timeout;

  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`prism exited with code ${child.exitCode} before answering:\n${output()}`);
    }
    try {
      // Any HTTP answer, even a 4xx for this unknown path, means Prism is up. A
      // refused connection fails at once; once Prism listens, its first answer
      // can take seconds on a busy machine, so give that answer the time left.
      const left = Math.max(deadline - Date.now(), 1);
      await fetch(`${url}/__ready`, { signal: AbortSignal.timeout(left) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }

  throw new Error(`prism did not answer on ${url} within ${timeout} ms:\n${output()}`);
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
  const args = [prismBin(), ...command, '--host', '127.0.0.1', '--port', String(port)];
  if (options.errors ?? true) args.push('--errors');
  args.push(spec, ...trailing);

  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  const lines: string[] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim() === '') continue;
      lines.push(line);
      if (lines.length > 200) lines.shift();
      options.onOutput?.(line);
    }
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  // If this process ends without calling stop (a crash, process.exit), Prism goes with it.
  const stopWithParent = () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      process.kill(child.pid, 'SIGTERM');
    }
  };
  process.once('exit', stopWithParent);

  const url = `http://127.0.0.1:${port}`;
  const output = () => lines.join('\n');
  const stop = async () => {
    process.off('exit', stopWithParent);
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      process.kill(child.pid, 'SIGTERM');
      const timer = setTimeout(() => child.pid && child.kill('SIGKILL'), 3000);
      await exited(child);
      clearTimeout(timer);
    }
  };

  try {
    await waitUntilAnswering(url, child, options.startTimeout ?? 60_000, output);
  } catch (error) {
    await stop();
    throw error;
  }

  return { url, port, pid: child.pid ?? 0, exited: exited(child), output, stop };
}
