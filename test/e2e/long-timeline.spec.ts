// A mailbox longer than one page: the list keeps only the visible rows in the DOM and
// fetches older pages with the keyset cursor as the user scrolls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../harness/app-server';
import { useBrowser } from '../harness/browser';
import { buildMessage, startDovecot, type DovecotServer } from '../harness/dovecot';
import { addDovecotAccount } from './flows';

const TOTAL = 260;
const browser = useBrowser();
let dovecot: DovecotServer;
let app: AppServer;

beforeAll(async () => {
  dovecot = await startDovecot();
  const start = Date.now() - TOTAL * 60_000;
  for (let n = 1; n <= TOTAL; n++) {
    const subject = `Message ${String(n).padStart(3, '0')}`;
    await dovecot.deliver(
      buildMessage({ subject, date: new Date(start + n * 60_000), text: subject }),
    );
  }
  app = await startAppServer();
});

afterAll(async () => {
  await app?.stop();
  await dovecot?.stop();
});

describe('a long timeline', () => {
  it('renders only what is visible and pages in older mail on scroll', async () => {
    const { page, errors } = await browser.newPage();
    await page.goto(app.url);
    await addDovecotAccount(page, dovecot);

    const rows = page.getByTestId('timeline-row');
    const subjectOf = (i: number) => rows.nth(i).getByTestId('row-subject').innerText();
    await expect.poll(() => subjectOf(0), { timeout: 60_000 }).toBe('Message 260');
    expect(await rows.count()).toBeLessThan(40);

    // Keep scrolling to the end: the last (oldest) message must come in through paging.
    await page.getByTestId('timeline').hover();
    await expect
      .poll(
        async () => {
          await page.mouse.wheel(0, 20_000);
          return rows.getByTestId('row-subject').allInnerTexts();
        },
        { timeout: 30_000 },
      )
      .toContain('Message 001');
    expect(await rows.count()).toBeLessThan(40);
    expect(errors).toEqual([]);
  });
});
