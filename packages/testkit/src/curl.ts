import { type OpenApiNode as Node, resolveRef as resolve } from './openapi.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

// Fictitious credentials: the mock accepts any Basic pair and any bearer token.
const MOCK_BASIC = 'live_MockKey0000000001:00000000-0000-4000-8000-000000000001';
const MOCK_BEARER = 'mock-token';

/** Quotes a word for a POSIX shell. */
function sh(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

function exampleOf(doc: Node, holder: Node | undefined): unknown {
  if (!holder) return undefined;
  if ('example' in holder) return holder.example;
  const examples = holder.examples as Record<string, unknown> | undefined;
  const first = examples && Object.values(examples)[0];
  const value = resolve(doc, first)?.value;
  if (value !== undefined) return value;
  const schema = resolve(doc, holder.schema);
  return Array.isArray(schema?.enum) ? schema.enum[0] : undefined;
}

function authFlags(doc: Node, operation: Node): string[] {
  const requirements = (operation.security ?? doc.security ?? []) as Node[];
  const schemes = ((doc.components as Node | undefined)?.securitySchemes ?? {}) as Node;
  const name = Object.keys(requirements[0] ?? {})[0];
  const scheme = name ? resolve(doc, schemes[name]) : undefined;
  if (scheme?.scheme === 'basic') return [`-u ${sh(MOCK_BASIC)}`];
  if (scheme?.scheme === 'bearer') return [`-H ${sh(`Authorization: Bearer ${MOCK_BEARER}`)}`];
  return [];
}

function failureStatuses(operation: Node): string[] {
  return Object.keys((operation.responses ?? {}) as Node).filter((status) =>
    /^[45]\d\d$/.test(status),
  );
}

function curlFor(doc: Node, baseUrl: string, path: string, method: string, operation: Node) {
  const flags = authFlags(doc, operation);

  for (const entry of (operation.parameters ?? []) as unknown[]) {
    const parameter = resolve(doc, entry);
    if (parameter?.in !== 'header') continue;
    flags.push(`-H ${sh(`${parameter.name}: ${String(exampleOf(doc, parameter))}`)}`);
  }

  const requestBody = resolve(doc, operation.requestBody);
  const json = resolve(doc, (requestBody?.content as Node | undefined)?.['application/json']);
  if (json) {
    flags.push(`-H ${sh('Content-Type: application/json')}`);
    flags.push(`-d ${sh(JSON.stringify(exampleOf(doc, json) ?? {}))}`);
  }

  const command = [`curl -s -X ${method.toUpperCase()} ${sh(`${baseUrl}${path}`)}`, ...flags];
  return command.join(' \\\n  ');
}

/**
 * One ready-to-paste curl request per operation of the spec, in spec order,
 * with the spec's own examples, and how to ask the mock for each documented
 * failure.
 */
export function curlExamples(doc: Node, baseUrl: string): string {
  const blocks: string[] = [];
  const paths = (doc.paths ?? {}) as Record<string, Node>;

  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const operation = resolve(doc, item[method]);
      if (!operation) continue;

      const title = `# ${blocks.length + 1}. ${operation.summary ?? path} (${operation.operationId})`;
      const failures = failureStatuses(operation).map((status) => `code=${status}`);
      const hint = failures.length
        ? `\n# For a documented failure, add -H 'Prefer: ${failures.join("' or -H 'Prefer: ")}'`
        : '';
      blocks.push(`${title}\n${curlFor(doc, baseUrl, path, method, operation)}${hint}`);
    }
  }

  const note = `# The mock accepts any API key and secret, and any bearer token ("${MOCK_BEARER}" below).`;
  return [note, ...blocks].join('\n\n');
}
