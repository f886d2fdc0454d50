// The end-to-end specs' browser: one Chromium per spec file, a fresh context (cookies,
// storage) per test, everything closed afterwards. Launching and pages: ./chromium.ts.
import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchBrowser, openPage, type TestPage } from './chromium';

export * from './chromium';

/**
 * Registers the hooks for a spec file: the browser starts once, every page opened with
 * `newPage()` gets its own context, and contexts close after each test.
 */
export function useBrowser(): { newPage(options?: BrowserContextOptions): Promise<TestPage> } {
  let browser: Browser | undefined;
  const open: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((context) => context.close()));
  });
  afterAll(async () => {
    await browser?.close();
  });

  return {
    async newPage(options) {
      if (!browser)
        throw new Error('useBrowser(): the browser is not running (call newPage inside a test).');
      const opened = await openPage(browser, options);
      open.push(opened.context);
      return opened;
    },
  };
}

/** A datetime-local input's value for a moment, in the machine's time zone (the browser's too). */
export function localInputValue(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}` +
    `T${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`
  );
}
