import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/** A tab of the browser, for tests that drive a page. */
export type BrowserPage = Page;

/** Where the Debian `chromium` package puts the browser; `CHROMIUM_PATH` overrides it. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface HeadlessChromium {
  context: BrowserContext;
  /** Closes the browser and deletes its profile. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts the system Chromium headless with a fresh profile and the flags that
 * keep it from reaching out on its own (updates, sync, component downloads).
 */
export async function launchChromium(): Promise<HeadlessChromium> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `No Chromium at ${chromiumPath}: install it with ` +
        '`apt-get install -y --no-install-recommends chromium`, or set CHROMIUM_PATH.',
    );
  }

  const profile = mkdtempSync(join(tmpdir(), 'dp-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });

  let closed = false;
  return {
    context,
    close: async () => {
      if (closed) return;
      closed = true;
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
