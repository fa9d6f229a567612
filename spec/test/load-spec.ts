import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const specPath = fileURLToPath(new URL('../openapi.yaml', import.meta.url));

// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document is walked generically.
export type Json = any;

export function loadSpec(path = specPath): Json {
  return parse(readFileSync(path, 'utf8'));
}

/** Follows a local `#/a/b` reference inside `doc`. */
export function deref(doc: Json, node: Json): Json {
  let current = node;
  while (current && typeof current.$ref === 'string') {
    const ref: string = current.$ref;
    if (!ref.startsWith('#/')) throw new Error(`only local references are supported, got ${ref}`);
    current = ref
      .slice(2)
      .split('/')
      .reduce((value: Json, key) => value?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
    if (current === undefined) throw new Error(`unresolved reference ${ref}`);
  }
  return current;
}

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

export interface ExampleCase {
  /** Where the example sits, as a JSON pointer-like path. */
  where: string;
  schema: Json;
  value: unknown;
}

/**
 * Every example in the document with the schema it must satisfy: media-type
 * and parameter examples (`example` and `examples`), and the `examples`
 * keyword of schemas themselves.
 */
export function collectExamples(doc: Json): ExampleCase[] {
  const cases: ExampleCase[] = [];

  const visit = (node: Json, where: string): void => {
    if (node === null || typeof node !== 'object') return;

    if (node.schema !== undefined && (node.example !== undefined || node.examples !== undefined)) {
      if (node.example !== undefined) {
        cases.push({ where: `${where}/example`, schema: node.schema, value: node.example });
      }
      for (const [name, example] of Object.entries(node.examples ?? {})) {
        const resolved = deref(doc, example);
        cases.push({
          where: `${where}/examples/${name}`,
          schema: node.schema,
          value: resolved.value,
        });
      }
    }

    const isSchema = where.includes('/schemas/') || where.endsWith('/schema');
    if (isSchema && Array.isArray(node.examples)) {
      node.examples.forEach((value: unknown, index: number) => {
        cases.push({ where: `${where}/examples/${index}`, schema: node, value });
      });
    }

    for (const [key, child] of Object.entries(node)) {
      if (key === 'examples' && !isSchema) continue;
      visit(child, `${where}/${escapePointer(key)}`);
    }
  };

  visit(doc.paths, '#/paths');
  visit(doc.components, '#/components');
  return cases;
}
