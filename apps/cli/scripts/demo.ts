/**
 * The main job: starts the Prism mock from spec/openapi.yaml on a free
 * loopback port, runs the built CLI against it on the bundled example, and
 * stops Prism by its PID however the run ends.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startPrism } from '@digitalpaye/testkit';

const cliPath = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const examplePath = fileURLToPath(new URL('../examples/customer.json', import.meta.url));

const prism = await startPrism();
console.log(`Mock API (Prism, from spec/openapi.yaml) listening on ${prism.url}\n`);

let stopping = false;
const stopAndExit = async (code: number) => {
  if (stopping) return;
  stopping = true;
  await prism.stop();
  process.exit(code);
};
process.on('SIGINT', () => void stopAndExit(130));
process.on('SIGTERM', () => void stopAndExit(143));

const args = ['customers', 'create', '--file', examplePath, ...process.argv.slice(2)];
console.log(`$ digitalpaye ${args.join(' ').replace(examplePath, 'examples/customer.json')}`);

const child = spawn(process.execPath, [cliPath, ...args], {
  stdio: 'inherit',
  env: {
    ...process.env,
    DIGITALPAYE_BASE_URL: prism.url,
    DIGITALPAYE_ENVIRONMENT: 'Sandbox',
    // Fictitious credentials: the mock accepts any Basic pair.
    DIGITALPAYE_API_KEY: 'live_DemoKey0000000000',
    DIGITALPAYE_API_SECRET: 'demo0000-0000-4000-8000-000000000000',
  },
});
child.on('error', () => void stopAndExit(1));
child.on('exit', (code) => void stopAndExit(code ?? 1));
