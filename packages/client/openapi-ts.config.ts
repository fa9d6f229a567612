import { defineConfig } from '@hey-api/openapi-ts';

export default defineConfig({
  input: './../../spec/openapi.yaml',
  output: {
    path: './src/generated',
    clean: true,
    entryFile: false,
  },
  plugins: [
    { name: '@hey-api/client-fetch', baseUrl: false },
    '@hey-api/typescript',
    { name: 'valibot' },
    { name: '@hey-api/sdk', validator: false },
  ],
});
