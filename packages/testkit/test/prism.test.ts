import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { startPrism } from '../src/index.js';

const run = promisify(execFile);

describe('startPrism', () => {
  it('serves the spec on 127.0.0.1 and is gone after stop', async () => {
    const prism = await startPrism();
    expect(prism.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const response = await fetch(`${prism.url}/v1/auth`, {
      method: 'POST',
      headers: { 'X-Environment': 'Sandbox', Authorization: 'Basic a2V5OnNlY3JldA==' },
    });
    expect(response.status).toBe(200);
    expect((await response.json()).data.exp).toBeTypeOf('number');

    await prism.stop();
    expect(() => process.kill(prism.pid, 0)).toThrow();
    await expect(fetch(`${prism.url}/v1/auth`, { method: 'POST' })).rejects.toThrow();
  });

  it('reports the reason when the spec cannot be served', async () => {
    await expect(
      startPrism({ spec: '/nonexistent/openapi.yaml', startTimeout: 15_000 }),
    ).rejects.toThrow(/prism (exited|did not answer)/);
  });

  it('stops Prism when the process that started it crashes', async () => {
    const entry = new URL('../src/index.ts', import.meta.url).href;
    const crash = `const p = await (await import('${entry}')).startPrism();
      console.log(p.pid); throw new Error('crash after start');`;

    const failure = await run(process.execPath, [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      crash,
    ])
      .then(() => undefined)
      .catch((error: { stdout: string }) => error);
    const pid = Number(failure?.stdout.trim());

    expect(pid).toBeGreaterThan(0);
    const stopped = await gone(pid);
    if (!stopped) process.kill(pid, 'SIGKILL');
    expect(stopped).toBe(true);
  });
});

// The signal is sent as the parent dies; Prism needs a moment to act on it.
async function gone(pid: number): Promise<boolean> {
  for (let waited = 0; waited < 5000; waited += 100) {
    try {
      process.kill(pid, 0);
    } catch {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}
