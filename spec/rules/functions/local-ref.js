// @ts-check
/** Follows local `#/a/b` references inside `doc` until a value that is not a reference. */
export function follow(doc, node) {
  let current = node;
  const seen = new Set();
  while (current && typeof current.$ref === 'string' && current.$ref.startsWith('#/')) {
    if (seen.has(current.$ref)) return undefined;
    seen.add(current.$ref);
    current = current.$ref
      .slice(2)
      .split('/')
      .reduce(
        (value, key) => value?.[key.replaceAll('~1', '/').replaceAll('~0', '~')],
        /** @type {any} */ (doc),
      );
  }
  return current;
}

export const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * Every operation of an unresolved document as `[path, method, operation]`.
 * @returns {Array<[string, string, any]>}
 */
export function operations(doc) {
  /** @type {Array<[string, string, any]>} */
  const found = [];
  for (const [path, item] of Object.entries(doc?.paths ?? {})) {
    for (const method of METHODS) {
      if (item?.[method]) found.push([path, method, item[method]]);
    }
  }
  return found;
}
