import { customerInput } from '../fixtures.js';

/** A one-line program that creates a customer with one of the peers. */
export interface Program {
  id: string;
  label: string;
  source: string;
}

// Every program starts with the same input, so sizes differ by the client alone.
const input = `const input = ${JSON.stringify(customerInput)};\n`;
const url = 'https://api.digitalpaye.com';

export const programs: readonly Program[] = [
  {
    id: 'raw-fetch',
    label: 'raw `fetch` (baseline)',
    source: `${input}fetch('${url}/v1/customer', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Environment': 'Sandbox', Authorization: 'Bearer ' + globalThis.token }, body: JSON.stringify(input) }).then((r) => r.json()).then(console.log);`,
  },
  {
    id: 'openapi-fetch',
    label: '`openapi-fetch` 0.17',
    source: `${input}import createClient from 'openapi-fetch'; createClient({ baseUrl: '${url}' }).POST('/v1/customer', { params: { header: { 'X-Environment': 'Sandbox' } }, headers: { Authorization: 'Bearer ' + globalThis.token }, body: input }).then(console.log);`,
  },
  {
    id: 'generated',
    label: 'generated `createCustomer` alone',
    source: `${input}import { createCustomer } from '@digitalpaye/client'; createCustomer({ baseUrl: '${url}', headers: { 'X-Environment': 'Sandbox' }, auth: () => globalThis.token, body: input }).then(console.log);`,
  },
  {
    id: 'generated-valibot',
    label: 'generated `createCustomer` + valibot input check',
    source: `${input}import { createCustomer, validateCreateCustomer } from '@digitalpaye/client'; const checked = validateCreateCustomer(input); if (checked.success) createCustomer({ baseUrl: '${url}', headers: { 'X-Environment': 'Sandbox' }, auth: () => globalThis.token, body: checked.output }).then(console.log);`,
  },
  {
    id: 'client',
    label: '`DigitalPaye` client class',
    source: `${input}import { DigitalPaye } from '@digitalpaye/client'; new DigitalPaye({ apiKey: globalThis.apiKey, apiSecret: globalThis.apiSecret, environment: 'Sandbox' }).customers.create(input).then(console.log);`,
  },
];
