import type { CreateCustomerRequest } from '@digitalpaye/client';

/** A fictitious customer that satisfies the spec; every peer sends this body. */
export const customerInput: CreateCustomerRequest = {
  firstName: 'Affoué',
  lastName: 'Koffi',
  email: 'affoue.koffi@example.com',
  phoneNumber: '0506070809',
  address: { countryCode: 'CI', city: 'Yamoussoukro', streetAddress: 'Quartier Habitat, rue 4' },
};

/** Fictitious credentials; the benchmark server accepts any Basic pair. */
export const credentials = {
  apiKey: 'live_BenchKey000000000001',
  apiSecret: '00000000-0000-4000-8000-000000000007',
};

export const environment = 'Sandbox' as const;
