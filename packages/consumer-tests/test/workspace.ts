import { join, resolve } from 'node:path';

/** The workspace root, found from this file. */
export const workspaceRoot = resolve(import.meta.dirname, '../../..');

/** This package's folder. */
export const consumerTestsDir = resolve(import.meta.dirname, '..');

/** The published packages, dependencies first (the order they are published in). */
export const publishedPackages = [
  { name: '@digitalpaye/openapi', dir: join(workspaceRoot, 'spec') },
  { name: '@digitalpaye/client', dir: join(workspaceRoot, 'packages/client') },
];

/** Path of a command installed in this package's `node_modules/.bin`. */
export function bin(name: string): string {
  return join(consumerTestsDir, 'node_modules', '.bin', name);
}

/** `1234` as `1.2 kB`. */
export function kilobytes(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB`;
}
