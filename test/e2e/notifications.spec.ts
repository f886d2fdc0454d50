// Browser mode tells the user about new mail without being looked at: a Web Notification
// per delivered mail and an unread badge in the tab title, against a real Dovecot.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../harness/app-server';
import { useBrowser } from '../harness/browser';
import { buildMessage, startDovecot, type DovecotServer } from '../harness/dovecot';
import { addDovecotAccount } from './flows';

const browser = useBrowser();
let dovecot: DovecotServer;
let app: AppServer;

beforeAll(async () => {
  dovecot = await startDovecot();
  app = await startAppServer();
});

afterAll(async () => {
  await app?.stop();
  await dovecot?.stop();
});

interface Shown {
  title: string;
  body?: string;
}

describe('notifications in browser mode', () => {
  it('a delivered mail yields exactly one notification, and the title badge follows', async () => {
    const { page, context, errors } = await browser.newPage();
    await context.grantPermissions(['notifications'], { origin: app.origin });
    // Record every Notification the page constructs, still showing it for real.
    // (A script string: this spec is type-checked without the DOM library.)
    await page.addInitScript({
      content: `
        const Real = window.Notification;
        window.shown = [];
        window.Notification = class extends Real {
          constructor(title, options) {
            super(title, options);
            window.shown.push({ title, body: options && options.body });
          }
        };`,
    });
    const shown = () => page.evaluate<Shown[]>('window.shown');

    await page.goto(app.url);
    await addDovecotAccount(page, dovecot);
    await expect.poll(() => page.title()).toBe('Passerelle');

    await dovecot.deliver(
      buildMessage({ from: 'Carol Lee <carol@example.test>', subject: 'Design review at 3' }),
    );
    await expect.poll(shown, { timeout: 10_000 }).toHaveLength(1);
    expect((await shown())[0]).toEqual({ title: 'Carol Lee', body: 'Design review at 3' });
    await expect.poll(() => page.title(), { timeout: 5_000 }).toBe('(1) Passerelle');
    expect(await page.locator('link[rel="icon"]').getAttribute('href')).toMatch(
      /^data:image\/png;base64,/,
    );

    // Nothing more arrives later for the same mail.
    await page.waitForTimeout(2_500);
    expect(await shown()).toHaveLength(1);
    expect(errors).toEqual([]);
  });
});
