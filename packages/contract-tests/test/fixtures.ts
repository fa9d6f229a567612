import type { CreateCustomerRequest } from '@digitalpaye/client';

/** A fictitious customer that satisfies the spec. */
export const customerInput: CreateCustomerRequest = {
  firstName: 'Adjoua',
  lastName: 'Yao',
  email: 'adjoua.yao@example.com',
  phoneNumber: '0708091011',
  address: { countryCode: 'CI', city: 'Bouaké', streetAddress: 'Quartier Commerce, rue 12' },
};

export const credentials = {
  apiKey: 'live_ContractTestKey0001',
  apiSecret: '00000000-1111-4222-8333-444444444444',
};
