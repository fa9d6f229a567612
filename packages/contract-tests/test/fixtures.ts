import type { CreateCustomerRequest, Environment } from '@digitalpaye/client';
import { inject } from 'vitest';

/** True under `pnpm contract:live`: a real server sits behind a validating Prism proxy. */
export const live = inject('live');

/** A fictitious customer that satisfies the spec. */
export const customerInput: CreateCustomerRequest = {
  firstName: 'Adjoua',
  lastName: 'Yao',
  email: 'adjoua.yao@example.com',
  phoneNumber: '0708091011',
  address: { countryCode: 'CI', city: 'Bouaké', streetAddress: 'Quartier Commerce, rue 12' },
};

/** Fictitious for the mock; under `contract:live`, the ones the runner was given. */
export const credentials = live
  ? {
      apiKey: process.env.DIGITALPAYE_API_KEY ?? '',
      apiSecret: process.env.DIGITALPAYE_API_SECRET ?? '',
    }
  : {
      apiKey: 'live_ContractTestKey0001',
      apiSecret: '00000000-1111-4222-8333-444444444444',
    };

export const environment: Environment = live
  ? (process.env.DIGITALPAYE_ENVIRONMENT as Environment)
  : 'Sandbox';
