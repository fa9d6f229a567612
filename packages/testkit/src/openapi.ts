import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** Any object in an OpenAPI document, read loosely. */
export type OpenApiNode = Record<string, unknown>;

/** Reads an OpenAPI document (YAML or JSON). */
export function loadOpenApi(path: string): OpenApiNode {
  return parse(readFileSync(path, 'utf8')) as OpenApiNode;
}

/** Follows local `$ref`s (`#/components/...`) until it reaches a real node. */
export function resolveRef(doc: OpenApiNode, node: unknown): OpenApiNode | undefined {
  let current = node as OpenApiNode | undefined;
  for (let hops = 0; current && typeof current.$ref === 'string' && hops < 20; hops++) {
    const pointer = current.$ref.replace(/^#\//, '').split('/');
    current = pointer.reduce<unknown>(
      (at, key) => (at as OpenApiNode | undefined)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')],
      doc,
    ) as OpenApiNode | undefined;
  }
  return current;
}
