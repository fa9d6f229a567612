import { describe, expect, it } from 'vitest';
import { startPrism } from '../src/index.js';

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
});
