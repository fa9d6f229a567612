import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { spawnNodeServer } from '@digitalpaye/testkit';

const require = createRequire(import.meta.url);
const START_TIMEOUT_MS = 15_000;

export interface ApiServer {
  url: string;
  pid: number;
  /** Stops the server process by its PID and waits for it to exit. Safe to call twice. */
  stop(): Promise<void>;
}

/** Starts the stand-in API in another Node process on 127.0.0.1 and a port the kernel picks. */
export async function startApiServer(): Promise<ApiServer> {
  const entry = fileURLToPath(new URL('./api-server.ts', import.meta.url));
  const loader = pathToFileURL(require.resolve('tsx')).href;
  let announce: (port: number) => void = () => {};
  const listening = new Promise<number>((resolve) => {
    announce = resolve;
  });
  const server = spawnNodeServer(['--import', loader, entry], {
    onOutput(line) {
      const match = /^\{"port":(\d+)\}$/.exec(line.trim());
      if (match) announce(Number(match[1]));
    },
  });

  let timer: NodeJS.Timeout | undefined;
  const failed = (why: string) => new Error(`benchmark server ${why}:\n${server.output()}`);
  try {
    const port = await Promise.race([
      listening,
      server.exited.then(() => Promise.reject(failed('exited before listening'))),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(failed('did not start in time')), START_TIMEOUT_MS);
      }),
    ]);
    return { url: `http://127.0.0.1:${port}`, pid: server.pid, stop: server.stop };
  } catch (error) {
    await server.stop();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
