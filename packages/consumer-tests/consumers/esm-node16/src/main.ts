// An ESM TypeScript app compiled with `module: node16`: both packages through their `import` conditions.
import { DigitalPaye } from '@digitalpaye/client';
import type { components } from '@digitalpaye/openapi';

type NewCustomer = components['schemas']['CreateCustomerRequest'];

// @ts-expect-error `environment` accepts only 'Production' or 'Sandbox', so the types are not `any`.
const misconfigured: ConstructorParameters<typeof DigitalPaye>[0] = { environment: 'Staging' };
void misconfigured;

const baseUrl = process.env.CONSUMER_BASE_URL;
if (!baseUrl) throw new Error('CONSUMER_BASE_URL must name the mock server to call');

const dp = new DigitalPaye({
  apiKey: 'live_consumerEsm01',
  apiSecret: '3f1c9a52-0d4e-4b7a-9c61-5e2f8a7b0c13',
  environment: 'Sandbox',
  baseUrl,
});

const input: NewCustomer = {
  firstName: 'Awa',
  lastName: 'Traoré',
  email: 'awa.traore@example.com',
  phoneNumber: '0708091011',
  address: { countryCode: 'CI', city: 'Bouaké', streetAddress: 'Quartier Commerce' },
};
const customer = await dp.customers.create(input);

process.stdout.write(`${JSON.stringify({ id: customer.id, createdAt: customer.createdAt })}\n`);
