// @ts-check
import { follow, operations } from './local-ref.js';

const NAMED = /^#\/components\/schemas\/[^/]+$/;

/**
 * Every request and response body schema is a reference to a named schema in
 * `components/schemas`, so that generated clients and the reference page give
 * each body a stable name. Runs on the unresolved document.
 * @param {any} doc
 */
export default function namedBodySchemas(doc) {
  const results = [];

  const check = (body, at, what) => {
    for (const [mediaType, media] of Object.entries(follow(doc, body)?.content ?? {})) {
      if (typeof media?.schema?.$ref === 'string' && NAMED.test(media.schema.$ref)) continue;
      results.push({
        message: `${what} (${mediaType}) must reference a named schema in #/components/schemas.`,
        path: at,
      });
    }
  };

  for (const [path, method, operation] of operations(doc)) {
    const at = ['paths', path, method];
    if (operation.requestBody) check(operation.requestBody, [...at, 'requestBody'], 'Request body');
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      check(response, [...at, 'responses', status], `${status} response body`);
    }
  }

  return results;
}
