// When the core goes away the page says so instead of silently showing stale data.
import { afterAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../harness/app-server';
import { useBrowser } from '../harness/browser';

const browser = useBrowser();
let app: AppServer | undefined;

afterAll(async () => {
  await app?.stop();
});

describe('connection state', () => {
  it('shows "disconnected" when the server stops', async () => {
    app = await startAppServer();
    const { page } = await browser.newPage();
    await page.goto(app.url);
    await page.getByTestId('empty-state').waitFor();
    expect(await page.getByTestId('connection-banner').count()).toBe(0);

    await app.stop();
    app = undefined;
    const banner = page.getByTestId('connection-banner');
    await banner.waitFor({ timeout: 10_000 });
    expect(await banner.innerText()).toMatch(/Disconnected/);
  });
});
