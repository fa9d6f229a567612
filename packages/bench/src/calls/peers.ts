import {
  type CreateCustomerRequest,
  createConfig,
  createCustomer,
  createClient as createHeyApiClient,
  DigitalPaye,
  type DigitalPayeOptions,
  RequestValidationError,
  validateCreateCustomer,
} from '@digitalpaye/client';
import type { paths } from '@digitalpaye/openapi';
import createOpenApiFetch from 'openapi-fetch';
import { credentials, customerInput, environment } from '../fixtures.js';

/** One way of creating a customer, set up against a server and ready to call. */
export type Call = () => Promise<unknown>;

export interface Peer {
  id: string;
  label: string;
  /** Resolves to a reason when this peer cannot be measured with the client at hand. */
  unavailable?: (baseUrl: string) => Promise<string | undefined>;
  setup(baseUrl: string, fetchImpl: typeof fetch): Promise<Call>;
}

/**
 * The client option that turns input validation off. The per-call benchmark
 * checks that it works (an invalid input is sent instead of refused) before
 * it measures the peer that uses it.
 */
export const VALIDATION_OFF: Record<string, unknown> = { validateRequests: false };

function clientOptions(baseUrl: string, fetchImpl: typeof fetch): DigitalPayeOptions {
  return { ...credentials, environment, baseUrl, fetch: fetchImpl };
}

/** The token the hand-written peers send, fetched once as a caller would cache it. */
async function exchangeToken(baseUrl: string, fetchImpl: typeof fetch): Promise<string> {
  const basic = Buffer.from(`${credentials.apiKey}:${credentials.apiSecret}`).toString('base64');
  const response = await fetchImpl(`${baseUrl}/v1/auth`, {
    method: 'POST',
    headers: { Authorization: `Basic ${basic}`, 'X-Environment': environment },
  });
  const body = (await response.json()) as { data: { token: string } };
  return body.data.token;
}

function failed(what: string, status: number): Error {
  return new Error(`${what}: POST /v1/customer answered ${status}`);
}

/**
 * - `init`: a URL and an init, the baseline;
 * - `request`: a `Request` object, as openapi-fetch and the generated client pass;
 * - `timeout`: a URL and an init with an abort signal and a timer per call, as a client
 *   with a per-attempt timeout needs.
 */
type RawStyle = 'init' | 'request' | 'timeout';

const TIMEOUT_MS = 30_000;

function rawPeer(id: string, label: string, style: RawStyle): Peer {
  return {
    id,
    label,
    async setup(baseUrl, fetchImpl) {
      const token = await exchangeToken(baseUrl, fetchImpl);
      const send = (url: string, init: RequestInit) => {
        if (style === 'request') return fetchImpl(new Request(url, init));
        if (style === 'init') return fetchImpl(url, init);
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
        return fetchImpl(url, { ...init, signal: controller.signal }).finally(() =>
          clearTimeout(timer),
        );
      };
      return async () => {
        const response = await send(`${baseUrl}/v1/customer`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'X-Environment': environment,
            Authorization: `Bearer ${token}`,
          },
          body: JSON.stringify(customerInput),
        });
        const body = (await response.json()) as { data: unknown };
        if (!response.ok) throw failed(id, response.status);
        return body.data;
      };
    },
  };
}

const openApiFetch: Peer = {
  id: 'openapi-fetch',
  label: '`openapi-fetch` 0.17 with `paths`',
  async setup(baseUrl, fetchImpl) {
    const token = await exchangeToken(baseUrl, fetchImpl);
    const api = createOpenApiFetch<paths>({ baseUrl, fetch: fetchImpl });
    return async () => {
      const { data, response } = await api.POST('/v1/customer', {
        params: { header: { 'X-Environment': environment } },
        headers: { Authorization: `Bearer ${token}` },
        body: customerInput,
      });
      if (!data) throw failed('openapi-fetch', response.status);
      return data.data;
    };
  },
};

function checkedInput(): CreateCustomerRequest {
  const checked = validateCreateCustomer(customerInput);
  if (!checked.success) throw new Error('benchmark input is invalid');
  return checked.output;
}

function generatedPeer(id: string, label: string, validate: boolean): Peer {
  return {
    id,
    label,
    async setup(baseUrl, fetchImpl) {
      const token = await exchangeToken(baseUrl, fetchImpl);
      const client = createHeyApiClient(createConfig({ baseUrl, fetch: fetchImpl }));
      return async () => {
        const { data, response } = await createCustomer({
          client,
          headers: { 'X-Environment': environment },
          auth: () => token,
          body: validate ? checkedInput() : customerInput,
        });
        if (!data) throw failed('createCustomer', response.status);
        return data.data;
      };
    },
  };
}

const clientValidating: Peer = {
  id: 'client',
  label: '`dp.customers.create`, validation on',
  async setup(baseUrl, fetchImpl) {
    const dp = new DigitalPaye(clientOptions(baseUrl, fetchImpl));
    return () => dp.customers.create(customerInput);
  },
};

const clientNotValidating: Peer = {
  id: 'client-no-validation',
  label: '`dp.customers.create`, validation off',
  async unavailable(baseUrl) {
    const dp = new DigitalPaye({ ...clientOptions(baseUrl, fetch), ...VALIDATION_OFF });
    try {
      await dp.customers.create({} as typeof customerInput);
      return undefined;
    } catch (error) {
      if (!(error instanceof RequestValidationError)) throw error;
      const option = JSON.stringify(VALIDATION_OFF);
      return `this client version has no option to turn input validation off (${option} still validates)`;
    }
  },
  async setup(baseUrl, fetchImpl) {
    const dp = new DigitalPaye({ ...clientOptions(baseUrl, fetchImpl), ...VALIDATION_OFF });
    return () => dp.customers.create(customerInput);
  },
};

/** Every peer, baseline first. */
export const peers: readonly Peer[] = [
  rawPeer('raw-fetch', 'raw `fetch` (baseline)', 'init'),
  rawPeer('raw-fetch-request', 'raw `fetch` given a `Request` object', 'request'),
  rawPeer('raw-fetch-timeout', 'raw `fetch` with a timeout signal', 'timeout'),
  openApiFetch,
  generatedPeer('generated', 'generated `createCustomer` alone', false),
  generatedPeer('generated-valibot', 'generated `createCustomer` + valibot input check', true),
  clientValidating,
  clientNotValidating,
];
