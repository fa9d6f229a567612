import { type OpenApiNode, resolveRef as resolve } from './openapi.js';

/** One entry of the `sl-violations` header Prism adds to a response. */
export interface PrismViolation {
  location: string[];
  severity: string;
  code: string | number;
  message: string;
}

/** What crossed the proxy for one call: enough to say what was observed. */
export interface Exchange {
  method: string;
  path: string;
  requestHeaders: Record<string, string | string[] | undefined>;
  /** The server's response headers, lower-cased. */
  responseHeaders?: Record<string, string>;
  requestBody?: unknown;
  /** Status the server answered with, before Prism replaced it with its own error. */
  status?: number;
  responseBody?: unknown;
  /** Why the server gave no answer at all, when it did not. */
  unanswered?: string;
}

/** A break of the contract, said in the spec's words and the server's. */
export interface Violation {
  /** `operationId (METHOD /path)`, or `METHOD /path` when the spec has no such operation. */
  operation: string;
  direction: 'request' | 'response';
  /** The server's HTTP status, for a response violation. */
  status?: number;
  /** JSONPath into the body (`$.data.createdAt`), or `header x-environment`. */
  path: string;
  /** What the spec says should be there. */
  expected: string;
  /** What was there instead, with secrets redacted. */
  observed: string;
  /** Prism's own wording. */
  message: string;
}

type Schema = OpenApiNode;
type OpenApi = OpenApiNode;

const SECRET_KEYS = /token|secret|password|authorization/i;

/** Parses Prism's `sl-violations` header; an absent or unreadable header means none. */
export function parseViolationsHeader(value: string | null | undefined): PrismViolation[] {
  if (!value) return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? (parsed as PrismViolation[]) : [];
  } catch {
    return [];
  }
}

function findOperation(doc: OpenApi, method: string, path: string) {
  const paths = (doc.paths ?? {}) as Record<string, Schema>;
  for (const [template, item] of Object.entries(paths)) {
    const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    const operation = resolve(doc, item[method.toLowerCase()]);
    if (operation && pattern.test(path)) return operation;
  }
  return undefined;
}

function jsonSchemaOf(doc: OpenApi, holder: unknown): Schema | undefined {
  const content = resolve(doc, holder)?.content as Record<string, Schema> | undefined;
  return resolve(doc, content?.['application/json']?.schema);
}

function schemaAt(doc: OpenApi, root: Schema | undefined, segments: string[]): Schema | undefined {
  let schema = resolve(doc, root);
  for (const segment of segments) {
    if (!schema) return undefined;
    const properties = schema.properties as Record<string, unknown> | undefined;
    schema = resolve(
      doc,
      properties?.[segment] ?? (/^\d+$/.test(segment) ? schema.items : undefined),
    );
  }
  return schema;
}

function summarize(doc: OpenApi, node: Schema | undefined): string | undefined {
  const schema = resolve(doc, node);
  if (!schema) return undefined;
  if ('const' in schema) return `the constant ${JSON.stringify(schema.const)}`;
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map(String).join(', ')}`;

  const type = Array.isArray(schema.type) ? schema.type.join(' or ') : String(schema.type ?? 'any');
  if (typeof schema.format === 'string') return `${type} (${schema.format})`;
  if (type === 'object' && Array.isArray(schema.required) && schema.required.length > 0) {
    return `object with ${schema.required.join(', ')}`;
  }
  return type;
}

function valueAt(body: unknown, segments: string[]): { found: boolean; value?: unknown } {
  let current = body;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object' || !(segment in current)) {
      return { found: false };
    }
    current = (current as Record<string, unknown>)[segment];
  }
  return { found: true, value: current };
}

function show(value: unknown): string {
  const text = JSON.stringify(value, (key, inner) =>
    key && SECRET_KEYS.test(key) ? '[redacted]' : inner,
  );
  if (text === undefined) return String(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

function operationName(doc: OpenApi, exchange: Exchange): string {
  const route = `${exchange.method.toUpperCase()} ${exchange.path}`;
  const id = findOperation(doc, exchange.method, exchange.path)?.operationId;
  return typeof id === 'string' ? `${id} (${route})` : route;
}

function describeOne(doc: OpenApi, exchange: Exchange, raw: PrismViolation): Violation {
  const location = [...raw.location];
  const direction = location[0] === 'response' ? 'response' : 'request';
  if (location[0] === 'request' || location[0] === 'response') location.shift();
  const [where = 'body', ...rest] = location;

  // Prism reports a missing property at its parent; name the property itself.
  const missing = raw.code === 'required' ? /property '([^']+)'/.exec(raw.message)?.[1] : undefined;
  const segments = missing ? [...rest, missing] : rest;

  const operation = findOperation(doc, exchange.method, exchange.path);
  const described: Violation = {
    operation: operationName(doc, exchange),
    direction,
    ...(direction === 'response' && exchange.status !== undefined
      ? { status: exchange.status }
      : {}),
    path: '',
    expected: raw.message,
    observed: 'unknown',
    message: raw.message,
  };

  if (where === 'header') {
    const name = (segments[0] ?? '').toLowerCase();
    const headers = direction === 'request' ? exchange.requestHeaders : exchange.responseHeaders;
    const value = headers?.[name];
    described.path = `header ${name}`;
    described.expected =
      summarize(doc, headerSchema(doc, operation, exchange, direction, name)) ?? raw.message;
    described.observed =
      value === undefined ? 'absent' : SECRET_KEYS.test(name) ? '[redacted]' : show(value);
    return described;
  }

  const root =
    direction === 'request'
      ? jsonSchemaOf(doc, operation?.requestBody)
      : jsonSchemaOf(doc, responseFor(doc, operation, exchange.status));
  const body = direction === 'request' ? exchange.requestBody : exchange.responseBody;
  const found = valueAt(body, segments);
  const schema = schemaAt(doc, root, segments);

  described.path = ['$', ...segments].join('.');
  described.expected =
    (missing ? `a required ${summarize(doc, schema) ?? 'property'}` : summarize(doc, schema)) ??
    raw.message;
  const secret = segments.some((segment) => SECRET_KEYS.test(segment));
  described.observed = !found.found ? 'absent' : secret ? '[redacted]' : show(found.value);
  return described;
}

function headerSchema(
  doc: OpenApi,
  operation: Schema | undefined,
  exchange: Exchange,
  direction: Violation['direction'],
  name: string,
): Schema | undefined {
  const named = (entry: [string, unknown]) => entry[0].toLowerCase() === name;
  if (direction === 'response') {
    const headers = (responseFor(doc, operation, exchange.status)?.headers ?? {}) as Schema;
    return resolve(doc, Object.entries(headers).find(named)?.[1])?.schema as Schema | undefined;
  }
  const parameters = ((operation?.parameters ?? []) as unknown[]).map((entry) =>
    resolve(doc, entry),
  );
  const parameter = parameters.find(
    (entry) => String(entry?.name).toLowerCase() === name && entry?.in === 'header',
  );
  return parameter?.schema as Schema | undefined;
}

function responseFor(doc: OpenApi, operation: Schema | undefined, status: number | undefined) {
  const responses = resolve(doc, operation?.responses) as Record<string, unknown> | undefined;
  return resolve(doc, responses?.[String(status)] ?? responses?.default);
}

/** Turns Prism's violations for one exchange into reports naming operation, path and values. */
export function describeViolations(
  doc: OpenApi,
  exchange: Exchange,
  raw: PrismViolation[],
): Violation[] {
  return raw.map((entry) => describeOne(doc, exchange, entry));
}

/** One line per violation, for a terminal or a test failure. */
export function formatViolation(violation: Violation): string {
  const direction =
    violation.status === undefined
      ? violation.direction
      : `${violation.direction} ${violation.status}`;
  return (
    `${violation.operation} ${direction} ${violation.path}: ` +
    `spec says ${violation.expected}; observed ${violation.observed} (${violation.message})`
  );
}
