import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** A file inside an installed package, e.g. its command-line script. */
export function packageFile(name: string, ...path: string[]): string {
  return join(dirname(require.resolve(`${name}/package.json`)), ...path);
}

/** Options every server launcher takes. */
export interface LaunchOptions {
  /** Give up waiting for the first answer after this many ms. @default 60000 */
  startTimeout?: number;
  /** Receives the server's own output lines; dropped when absent. */
  onOutput?: (line: string) => void;
}

/** What every server launcher returns. */
export interface RunningServer {
  /** Base URL on 127.0.0.1. */
  url: string;
  pid: number;
  /** Settles when the process ends, however it ends. */
  exited: Promise<void>;
  /** The server's recent output lines, for error messages. */
  output(): string;
  /** Stops the process by its PID and waits for it to exit. Safe to call twice. */
  stop(): Promise<void>;
}

export interface ServerProcessOptions {
  /** Extra environment variables on top of the current ones. */
  env?: Record<string, string>;
  /** Receives each output line; dropped when absent. */
  onOutput?: (line: string) => void;
}

/** A long-running child process started by a test: its PID, recent output and a stop by PID. */
export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  /** Settles when the process ends, however it ends. */
  exited: Promise<void>;
  /** The last 200 lines the process printed, for error messages. */
  output(): string;
  /** Ends the process by its PID (SIGTERM, then SIGKILL after 3 s) and waits for it. */
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts `node <args>` with piped output, keeping the last lines for error messages. */
export function spawnNodeServer(args: string[], options: ServerProcessOptions = {}): ServerProcess {
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...options.env },
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

  // If this process ends without calling stop (a crash, process.exit), the server goes with it.
  const stopWithParent = () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      process.kill(child.pid, 'SIGTERM');
    }
  };
  process.once('exit', stopWithParent);

  const stop = async () => {
    process.off('exit', stopWithParent);
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      process.kill(child.pid, 'SIGTERM');
      const timer = setTimeout(() => child.pid && child.kill('SIGKILL'), 3000);
      await exited(child);
      clearTimeout(timer);
    }
  };

  const output = () => lines.join('\n');
  return { child, pid: child.pid ?? 0, exited: exited(child), output, stop };
}

/**
 * Polls `url` until any HTTP answer arrives. Throws, naming `name`, when the
 * process exits first or the timeout passes.
 */
export async function waitUntilAnswering(
  name: string,
  url: string,
  server: ServerProcess,
  timeout: number,
): Promise<void> {
  const deadline = Date.now() + timeout;

  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) {
      throw new Error(
        `${name} exited with code ${server.child.exitCode} before answering:\n${server.output()}`,
      );
    }
    try {
      // A refused connection fails at once; once the server listens, its first
      // answer can take seconds on a busy machine, so give that answer the time left.
      const left = Math.max(deadline - Date.now(), 1);
      await fetch(url, { signal: AbortSignal.timeout(left) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }

  throw new Error(`${name} did not answer on ${url} within ${timeout} ms:\n${server.output()}`);
}
