import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort } from './ports.js';
import {
  type LaunchOptions,
  packageFile,
  type RunningServer,
  spawnNodeServer,
  waitUntilAnswering,
} from './server-process.js';

export interface VerdaccioOptions extends LaunchOptions {
  /** Folder for the config, storage, user file and `.npmrc`; the caller creates and removes it. */
  dir: string;
  /**
   * Scopes served only from what is published to this registry, never fetched
   * from the uplink. @default ['@digitalpaye']
   */
  localScopes?: string[];
  /**
   * Registry that every other package is proxied from; reaching it may need
   * NODE_EXTRA_CA_CERTS or HTTPS_PROXY from the environment. @default https://registry.npmjs.org/
   */
  uplink?: string;
}

/** A running verdaccio; `url` ends with a slash, e.g. `http://127.0.0.1:4873/`. */
export interface VerdaccioServer extends RunningServer {
  /** An `.npmrc` naming this registry and holding a publish token for it. */
  npmrc: string;
}

/** Verdaccio reads proxies from its config only, so the usual variables are copied there. */
function proxySettings(): string[] {
  const env = process.env;
  return [
    ['http_proxy', env.http_proxy ?? env.HTTP_PROXY],
    ['https_proxy', env.https_proxy ?? env.HTTPS_PROXY],
    ['no_proxy', env.no_proxy ?? env.NO_PROXY],
  ]
    .filter(([, value]) => value)
    .map(([name, value]) => `${name}: ${JSON.stringify(value)}`);
}

function configYaml(dir: string, localScopes: string[], uplink: string): string {
  const local = localScopes.map(
    (scope) => `  '${scope}/*':\n    access: $all\n    publish: $authenticated\n`,
  );
  return [
    ...proxySettings(),
    `storage: ${JSON.stringify(join(dir, 'storage'))}`,
    'auth:',
    '  htpasswd:',
    `    file: ${JSON.stringify(join(dir, 'htpasswd'))}`,
    'uplinks:',
    '  npmjs:',
    `    url: ${JSON.stringify(uplink)}`,
    'packages:',
    ...local,
    "  '**':",
    '    access: $all',
    '    publish: $authenticated',
    '    proxy: npmjs',
    'web:',
    '  enable: false',
    'log: { type: stdout, format: pretty, level: warn }',
    '',
  ].join('\n');
}

async function createUser(url: string): Promise<string> {
  const name = 'consumer-tests';
  const response = await fetch(`${url}-/user/org.couchdb.user:${name}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password: randomBytes(18).toString('base64url') }),
  });
  const body = (await response.json()) as { token?: string };
  if (!response.ok || !body.token) {
    throw new Error(`verdaccio refused to create a user: HTTP ${response.status}`);
  }
  return body.token;
}

/**
 * Starts verdaccio on 127.0.0.1 and a free port with its storage in
 * `options.dir`, creates a user, and writes an `.npmrc` holding its token.
 * Packages in `localScopes` never come from the uplink, so an install of them
 * can only get what was published here.
 */
export async function startVerdaccio(options: VerdaccioOptions): Promise<VerdaccioServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const config = join(options.dir, 'config.yaml');
  const localScopes = options.localScopes ?? ['@digitalpaye'];
  const uplink = options.uplink ?? 'https://registry.npmjs.org/';
  await mkdir(options.dir, { recursive: true });
  await writeFile(config, configYaml(options.dir, localScopes, uplink));

  const server = spawnNodeServer(
    [
      packageFile('verdaccio', 'bin', 'verdaccio'),
      '--config',
      config,
      '--listen',
      `127.0.0.1:${port}`,
    ],
    { onOutput: options.onOutput },
  );

  try {
    await waitUntilAnswering('verdaccio', `${url}-/ping`, server, options.startTimeout ?? 60_000);
    const token = await createUser(url);
    const npmrc = join(options.dir, '.npmrc');
    await writeFile(npmrc, `registry=${url}\n//127.0.0.1:${port}/:_authToken=${token}\n`, {
      mode: 0o600,
    });
    const { pid, exited, output, stop } = server;
    return { url, pid, exited, output, stop, npmrc };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
