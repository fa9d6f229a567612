import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand, tail } from '@digitalpaye/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { bin, workspaceRoot } from './workspace.js';

const spec = '@digitalpaye/openapi';
const client = '@digitalpaye/client';

/** Workspace package folders, from the globs in pnpm-workspace.yaml. */
async function workspaceFolders(): Promise<string[]> {
  const config = parse(await readFile(join(workspaceRoot, 'pnpm-workspace.yaml'), 'utf8'));
  const folders: string[] = [];
  for (const pattern of config.packages as string[]) {
    if (!pattern.endsWith('/*')) {
      folders.push(pattern);
      continue;
    }
    const parent = pattern.slice(0, -2);
    const entries = await readdir(join(workspaceRoot, parent), { withFileTypes: true });
    folders.push(
      ...entries.filter((entry) => entry.isDirectory()).map((e) => `${parent}/${e.name}`),
    );
  }
  return folders;
}

/** The changeset files waiting in this repository for the next release. */
async function pendingChangesets(): Promise<string[]> {
  const files = await readdir(join(workspaceRoot, '.changeset'));
  return files.filter((file) => file.endsWith('.md') && file !== 'README.md');
}

const copies: string[] = [];

/**
 * Copies this repository's manifests and changeset config into a temporary
 * folder, adds the given changesets, and runs `changeset version` there.
 * Returns the resulting version and changelog of the two published packages.
 */
async function versionWith(
  changesets: { bumps: Record<string, string>; summary: string }[],
  { withPending = false } = {},
) {
  const dir = await mkdtemp(join(tmpdir(), 'digitalpaye-versioning-'));
  copies.push(dir);
  await cp(join(workspaceRoot, '.changeset/config.json'), join(dir, '.changeset/config.json'));
  for (const file of withPending ? await pendingChangesets() : []) {
    await cp(join(workspaceRoot, '.changeset', file), join(dir, '.changeset', file));
  }
  for (const file of ['package.json', 'pnpm-workspace.yaml']) {
    await cp(join(workspaceRoot, file), join(dir, file));
  }
  for (const folder of await workspaceFolders()) {
    await mkdir(join(dir, folder), { recursive: true });
    await cp(join(workspaceRoot, folder, 'package.json'), join(dir, folder, 'package.json'));
  }
  for (const [index, { bumps, summary }] of changesets.entries()) {
    const header = Object.entries(bumps).map(([name, bump]) => `'${name}': ${bump}`);
    await writeFile(
      join(dir, `.changeset/change-${index}.md`),
      `---\n${header.join('\n')}\n---\n\n${summary}\n`,
    );
  }

  const result = await runCommand(bin('changeset'), ['version'], { cwd: dir });
  expect(result.code, tail(result.stdout + result.stderr)).toBe(0);

  const read = async (folder: string) => ({
    version: JSON.parse(await readFile(join(dir, folder, 'package.json'), 'utf8'))
      .version as string,
    changelog: await readFile(join(dir, folder, 'CHANGELOG.md'), 'utf8').catch(() => ''),
  });
  return { [spec]: await read('spec'), [client]: await read('packages/client') };
}

afterEach(async () => {
  await Promise.all(copies.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('changeset version with this repository’s config', () => {
  it('releases a major of the spec package without releasing the client', async () => {
    const before = JSON.parse(
      await readFile(join(workspaceRoot, 'packages/client/package.json'), 'utf8'),
    );

    const after = await versionWith([
      { bumps: { [spec]: 'major' }, summary: 'The `Address` schema is renamed `PostalAddress`.' },
    ]);

    expect(after[spec].version).toMatch(/^[1-9]\d*\.0\.0$/);
    expect(after[client].version).toBe(before.version);
    expect(after[client].changelog).toBe('');
  });

  it('gives the client only the bump its own changeset asks for when the spec moves a major', async () => {
    const before = JSON.parse(
      await readFile(join(workspaceRoot, 'packages/client/package.json'), 'utf8'),
    );
    const [major, minor] = (before.version as string).split('.').map(Number);

    const after = await versionWith([
      { bumps: { [spec]: 'major' }, summary: 'The `Address` schema is renamed `PostalAddress`.' },
      { bumps: { [client]: 'minor' }, summary: 'Customers can be created with a postal address.' },
    ]);

    expect(after[client].version).toBe(`${major}.${(minor ?? 0) + 1}.0`);
  });

  it('applies every changeset pending in this repository, each a well-formed file', async () => {
    const released = new Set<string>();
    for (const file of await pendingChangesets()) {
      const text = await readFile(join(workspaceRoot, '.changeset', file), 'utf8');
      const header = /^---\n([\s\S]*?)\n---\n/.exec(text)?.[1];
      expect(header, `${file} starts with a front matter block naming packages`).toBeDefined();
      for (const [, name] of header?.matchAll(/^['"]?(@[\w-]+\/[\w-]+)['"]?:/gm) ?? []) {
        released.add(name as string);
      }
    }

    const after = await versionWith([], { withPending: true });

    for (const name of [spec, client].filter((pkg) => released.has(pkg))) {
      expect(after[name as typeof spec].changelog, name).toMatch(/^# @digitalpaye\//);
    }
  });

  it('writes each changeset sentence as a changelog line of its package', async () => {
    const after = await versionWith([
      { bumps: { [client]: 'patch' }, summary: 'Retries stop after the configured attempts.' },
    ]);

    expect(after[client].changelog).toContain('- Retries stop after the configured attempts.');
    expect(after[spec].changelog).toBe('');
  });
});
