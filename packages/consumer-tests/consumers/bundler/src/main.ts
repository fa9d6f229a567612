// A TypeScript app resolved the way bundlers do (`moduleResolution: bundler`) and bundled by esbuild.
import { DigitalPaye } from '@digitalpaye/client';

type NewCustomer = Parameters<DigitalPaye['customers']['create']>[0];

// @ts-expect-error `address.city` is required, so the types are not `any`.
const incomplete: NewCustomer['address'] = { countryCode: 'CI', streetAddress: 'Rue du Commerce' };
void incomplete;

const baseUrl = process.env.CONSUMER_BASE_URL;
if (!baseUrl) throw new Error('CONSUMER_BASE_URL must name the mock server to call');

const dp = new DigitalPaye({
  apiKey: 'live_consumerBundler01',
  apiSecret: 'c4a81e27-5b9d-4e03-a6f2-0d7e3b8c1a95',
  environment: 'Sandbox',
  baseUrl,
});
const customer = await dp.customers.create({
  firstName: 'Mariam',
  lastName: 'Coulibaly',
  email: 'mariam.coulibaly@example.com',
  phoneNumber: '0504030201',
  address: { countryCode: 'CI', city: 'San-Pédro', streetAddress: 'Rue du Commerce' },
});

process.stdout.write(`${JSON.stringify({ id: customer.id, createdAt: customer.createdAt })}\n`);
