import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startVerdaccio, type VerdaccioServer } from '../src/index.js';

let dir: string | undefined;
let registry: VerdaccioServer | undefined;

afterEach(async () => {
  await registry?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('startVerdaccio', () => {
  it('serves on 127.0.0.1 with a working publish token, and is gone after stop', async () => {
    dir = await mkdtemp(join(tmpdir(), 'testkit-verdaccio-'));
    registry = await startVerdaccio({ dir });
    expect(registry.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);

    const npmrc = await readFile(registry.npmrc, 'utf8');
    expect(npmrc).toContain(`registry=${registry.url}`);
    const token = /:_authToken=(.+)$/m.exec(npmrc)?.[1];
    const whoami = await fetch(`${registry.url}-/whoami`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(whoami.status).toBe(200);
    expect((await whoami.json()).username).toBe('consumer-tests');

    await registry.stop();
    expect(() => process.kill(registry?.pid ?? 0, 0)).toThrow();
    await expect(fetch(`${registry.url}-/ping`)).rejects.toThrow();
  });

  it('answers packages of a local scope only from its own storage, never from the uplink', async () => {
    dir = await mkdtemp(join(tmpdir(), 'testkit-verdaccio-'));
    // @types/node exists upstream, so a 404 here means the uplink was not asked.
    registry = await startVerdaccio({ dir, localScopes: ['@types'] });

    const response = await fetch(`${registry.url}@types%2fnode`);
    expect(response.status).toBe(404);
  });
});
