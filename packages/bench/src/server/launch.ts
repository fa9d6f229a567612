import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

export interface ApiServer {
  url: string;
  pid: number;
  /** Stops the server process by its PID and waits for it to exit. Safe to call twice. */
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

function firstLine(child: ChildProcess, timeout: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error('benchmark server did not start')), timeout);
    child.once('exit', (code) => reject(new Error(`benchmark server exited with ${code}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const end = buffered.indexOf('\n');
      if (end === -1) return;
      clearTimeout(timer);
      resolve(buffered.slice(0, end));
    });
  });
}

/** Starts the stand-in API in another Node process on 127.0.0.1 and a port the kernel picks. */
export async function startApiServer(): Promise<ApiServer> {
  const entry = fileURLToPath(new URL('./api-server.ts', import.meta.url));
  const loader = pathToFileURL(require.resolve('tsx')).href;
  const child = spawn(process.execPath, ['--import', loader, entry], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      process.kill(child.pid, 'SIGTERM');
      const timer = setTimeout(() => child.pid && process.kill(child.pid, 'SIGKILL'), 3000);
      await exited(child);
      clearTimeout(timer);
    }
  };

  try {
    const { port } = JSON.parse(await firstLine(child, 15_000)) as { port: number };
    return { url: `http://127.0.0.1:${port}`, pid: child.pid ?? 0, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
