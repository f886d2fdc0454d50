// Debian's Chromium driven by playwright-core for the end-to-end specs: one browser per
// spec file, a fresh context (cookies, storage) per test, outside network blocked, and
// everything closed afterwards. Page errors and console errors are collected so a spec
// can assert the page ran cleanly (e.g. no CSP violation).
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The size the product must be usable at. */
export const MAIN_VIEWPORT = { width: 1024, height: 640 };

export interface TestPage {
  page: Page;
  context: BrowserContext;
  /** Uncaught exceptions and console errors seen so far. */
  errors: string[];
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** A fresh context and page; requests to anything but loopback are aborted. */
export async function openPage(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<TestPage> {
  const context = await browser.newContext({ viewport: MAIN_VIEWPORT, ...options });
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'data:' || LOOPBACK.has(url.hostname)) return route.continue();
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return { page, context, errors };
}

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
