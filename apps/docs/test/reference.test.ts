import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BrowserPage, type HeadlessChromium, launchChromium } from '@digitalpaye/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const page = fileURLToPath(new URL('../dist/index.html', import.meta.url));
const artifacts = fileURLToPath(new URL('../artifacts/', import.meta.url));

describe('the rendered API reference', () => {
  let browser: HeadlessChromium;
  let tab: BrowserPage;
  const outside: string[] = [];

  const visible = (text: string | RegExp) =>
    tab.getByText(text).first().waitFor({ state: 'visible', timeout: 10_000 });

  beforeAll(async () => {
    if (!existsSync(page)) throw new Error(`${page} is missing: run \`pnpm spec:docs\` first`);

    browser = await launchChromium();
    tab = await browser.context.newPage();
    // Offline means offline: any request that is not the file itself is refused and recorded.
    await tab.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
      outside.push(url);
      return route.abort();
    });
    await tab.goto(pathToFileURL(page).href, { waitUntil: 'load' });
    await visible('DigitalPaye API');
  });

  afterAll(async () => {
    if (tab) {
      mkdirSync(artifacts, { recursive: true });
      await tab.screenshot({ path: `${artifacts}reference.png`, fullPage: true });
    }
    await browser?.close();
  });

  // Redoc shows one tag at a time; a deep link opens it, as a partner's bookmark would.
  const open = async (operation: string, summary: string) => {
    await tab.goto(`${pathToFileURL(page).href}#/${operation}`);
    await visible(summary);
  };

  describe('POST /v1/auth', () => {
    beforeAll(() =>
      open('authentication/createtoken', 'Exchange API credentials for an access token'),
    );

    it('shows the operation with its method, path and security', async () => {
      await visible(/^POST\s*\/v1\/auth$/);
      await visible('basicAuth');
    });

    it('shows the X-Environment header', async () => {
      await visible('X-Environment');
    });

    it('shows the token example', async () => {
      await visible(/example-access-token\.not-a-real-jwt/);
    });
  });

  describe('POST /v1/customer', () => {
    beforeAll(() => open('customers/createcustomer', 'Creates a customer and returns it'));

    it('shows the operation with its method, path and security', async () => {
      await visible(/^POST\s*\/v1\/customer$/);
      await visible('bearerAuth');
    });

    it('shows the X-Environment header', async () => {
      await visible('X-Environment');
    });

    it('shows the request example', async () => {
      await visible(/^"?aya\.kouassi@example\.com"?$/);
    });

    it('shows the error envelope and its example under the 401 response', async () => {
      await tab.getByText('401', { exact: true }).first().click();
      await tab.getByText('401', { exact: true }).nth(1).click();
      await visible('A human explanation, in French.');
      await visible(/Jeton d'accès invalide/);
    });
  });

  it('is one file that made no request outside itself while it was read', () => {
    const html = readFileSync(page, 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=["']https?:/);
    expect(html).not.toMatch(/<link[^>]+href=["']https?:/);
    expect(outside).toEqual([]);
  });
});
