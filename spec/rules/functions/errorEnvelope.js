// @ts-check
import { follow, operations } from './local-ref.js';

const FAILURE = /^([45](\d\d|XX)|default)$/;

/**
 * Every 4xx, 5xx and `default` response of every operation has a JSON body
 * whose schema is a reference to the one failure envelope.
 * Runs on the unresolved document so that an inline copy of the envelope is caught.
 * @param {any} doc
 * @param {{ schema: string }} options
 */
export default function errorEnvelope(doc, options) {
  const results = [];

  for (const [path, method, operation] of operations(doc)) {
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      if (!FAILURE.test(status)) continue;

      const at = ['paths', path, method, 'responses', status];
      const content = follow(doc, response)?.content;
      if (!content || Object.keys(content).length === 0) {
        results.push({
          message: `${status} response has no body; use ${options.schema}.`,
          path: at,
        });
        continue;
      }

      for (const [mediaType, media] of Object.entries(content)) {
        if (media?.schema?.$ref === options.schema) continue;
        results.push({
          message: `${status} response (${mediaType}) must reference ${options.schema}, the one error envelope.`,
          path: at,
        });
      }
    }
  }

  return results;
}
