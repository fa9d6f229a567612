import { startCountingApi } from '@digitalpaye/testkit';

const api = await startCountingApi();
console.log(api.url);
setInterval(() => {}, 1000);
process.on('SIGTERM', () => {
  console.error('created', api.created);
  process.exit(0);
});
