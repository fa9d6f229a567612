/**
 * Types of the DigitalPaye API generated from `openapi.yaml` by
 * openapi-typescript, for use with openapi-fetch:
 *
 * @example
 * import createClient from 'openapi-fetch';
 * import type { paths } from '@digitalpaye/openapi';
 * const api = createClient<paths>({ baseUrl: 'https://api.digitalpaye.com' });
 */
export type { components, operations, paths, webhooks } from './generated/openapi.gen.js';

/** Path of the OpenAPI document inside this package, for `require.resolve` or `import.meta.resolve`. */
export const specFile = '@digitalpaye/openapi/openapi.yaml';
