// A CommonJS app in plain JavaScript: both packages through their `require` conditions,
// type-checked from JSDoc by `tsc --checkJs`.
const { existsSync } = require('node:fs');
const { DigitalPaye } = require('@digitalpaye/client');
const { specFile } = require('@digitalpaye/openapi');

/** @type {Parameters<DigitalPaye['customers']['create']>[0]} */
// @ts-expect-error `email` is required, so the types are not `any`.
const incomplete = {
  firstName: 'Koffi',
  lastName: "N'Guessan",
  phoneNumber: '0102030405',
  address: { countryCode: 'CI', city: 'Yamoussoukro', streetAddress: 'Quartier Habitat' },
};
void incomplete;

async function main() {
  const baseUrl = process.env.CONSUMER_BASE_URL;
  if (!baseUrl) throw new Error('CONSUMER_BASE_URL must name the mock server to call');
  if (!existsSync(require.resolve(specFile))) throw new Error(`${specFile} is missing`);

  const dp = new DigitalPaye({
    apiKey: 'live_consumerCjs01',
    apiSecret: '7b2e4d10-9a3c-4f5e-8d21-6c0b1a9e4f37',
    environment: 'Sandbox',
    baseUrl,
  });
  const customer = await dp.customers.create({
    firstName: 'Koffi',
    lastName: "N'Guessan",
    email: 'koffi.nguessan@example.com',
    phoneNumber: '0102030405',
    address: { countryCode: 'CI', city: 'Yamoussoukro', streetAddress: 'Quartier Habitat' },
  });

  process.stdout.write(`${JSON.stringify({ id: customer.id, createdAt: customer.createdAt })}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
