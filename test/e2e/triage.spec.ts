// Triage as a user does it, keyboard first, against a real Dovecot in browser mode: each
// key reaches the server (flags, moves), archive can be undone, smart views filter, search
// lists results, the help overlay lists the keys, and a snooze comes back on its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../harness/app-server';
import { MAIN_VIEWPORT, useBrowser } from '../harness/browser';
import { buildMessage, startDovecot, type DovecotServer } from '../harness/dovecot';
import { addDovecotAccount } from './flows';

const browser = useBrowser();
let dovecot: DovecotServer;
let app: AppServer;
const uids: Record<string, number> = {};
const hour = 3_600_000;
const SUBJECTS = ['Budget review', 'Team offsite', 'Invoice 42', 'Design notes', 'Weekly digest'];

beforeAll(async () => {
  dovecot = await startDovecot();
  const base = Date.now() - 24 * hour;
  for (const [i, subject] of SUBJECTS.entries()) {
    const uid = await dovecot.deliver(
      buildMessage({
        subject,
        from: `Sender ${i} <s${i}@example.test>`,
        date: new Date(base + i * hour),
        text: `Body of ${subject}.`,
      }),
    );
    uids[subject] = uid!;
  }
  app = await startAppServer();
});

afterAll(async () => {
  await app?.stop();
  await dovecot?.stop();
});

const flagsOf = async (subject: string) => (await dovecot.fetchFlags(uids[subject]!)) ?? [];

describe('keyboard triage against a real Dovecot', () => {
  it('flags, reads, archives with undo, trashes, filters, searches and snoozes', async () => {
    const { page, errors } = await browser.newPage();
    await page.goto(app.url);
    await addDovecotAccount(page, dovecot);
    const rows = page.getByTestId('timeline-row');
    const subjects = () => rows.getByTestId('row-subject').allInnerTexts();
    await expect.poll(subjects, { timeout: 30_000 }).toEqual([...SUBJECTS].reverse());
    await page.screenshot({ path: '/tmp/triage-inbox.png' });
    const size = await page.evaluate(
      '[document.documentElement.scrollWidth, document.documentElement.scrollHeight]',
    );
    expect(size).toEqual([MAIN_VIEWPORT.width, MAIN_VIEWPORT.height]);

    // ? lists the keys.
    await page.keyboard.press('?');
    const help = page.getByTestId('help-overlay');
    await help.waitFor();
    expect(await help.innerText()).toContain('Archive');
    await page.screenshot({ path: '/tmp/triage-help.png' });
    await page.keyboard.press('Escape');
    await expect.poll(() => help.count()).toBe(0);

    // j selects Weekly digest; s flags it on the server; Shift+i marks it read there.
    await page.keyboard.press('j');
    await page.keyboard.press('s');
    await expect.poll(() => flagsOf('Weekly digest'), { timeout: 20_000 }).toContain('\\Flagged');
    await page.keyboard.press('Shift+I');
    await expect.poll(() => flagsOf('Weekly digest'), { timeout: 20_000 }).toContain('\\Seen');

    // The Flagged view lists only it.
    await page.getByTestId('view-flagged').click();
    await expect.poll(subjects).toEqual(['Weekly digest']);
    await page.getByTestId('view-all').click();
    await expect.poll(subjects).toHaveLength(5);

    // The selection stayed on Weekly digest; j j reaches Invoice 42, and e archives it:
    // gone here and from the server's INBOX.
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    expect(
      await page.locator('.timeline-row--selected').getByTestId('row-subject').innerText(),
    ).toBe('Invoice 42');
    await page.keyboard.press('e');
    await expect.poll(subjects).not.toContain('Invoice 42');
    await expect
      .poll(() => dovecot.fetchFlags(uids['Invoice 42']!), { timeout: 20_000 })
      .toBeNull();
    await page.screenshot({ path: '/tmp/triage-toast.png' });
    await page.getByTestId('toast-undo').click();
    await expect.poll(subjects, { timeout: 20_000 }).toContain('Invoice 42');

    // # trashes the selected row.
    await rows.filter({ hasText: 'Team offsite' }).click();
    await page.keyboard.press('#');
    await expect.poll(subjects).not.toContain('Team offsite');
    await expect
      .poll(() => dovecot.fetchFlags(uids['Team offsite']!), { timeout: 20_000 })
      .toBeNull();

    // / searches with the core's syntax.
    await page.keyboard.press('/');
    await page.getByTestId('search-input').fill('subject:budget');
    await page.keyboard.press('Enter');
    await expect.poll(subjects, { timeout: 10_000 }).toEqual(['Budget review']);
    await page.getByTestId('search-input').focus();
    await page.keyboard.press('Escape');
    await expect.poll(subjects).toContain('Design notes');

    // b snoozes Design notes a few seconds ahead; it leaves, sits in Snoozed, and comes back unread on top.
    await rows.filter({ hasText: 'Design notes' }).click();
    await expect
      .poll(() => rows.filter({ hasText: 'Design notes' }).getAttribute('data-unread'))
      .toBe('false');
    await page.keyboard.press('u');
    await page.keyboard.press('b');
    const when = new Date(Date.now() + 6_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    await page
      .getByTestId('snooze-date')
      .fill(
        `${when.getFullYear()}-${pad(when.getMonth() + 1)}-${pad(when.getDate())}T${pad(when.getHours())}:${pad(when.getMinutes())}:${pad(when.getSeconds())}`,
      );
    await page.getByTestId('snooze-custom').click();
    await expect.poll(subjects).not.toContain('Design notes');
    await page.getByTestId('view-snoozed').click();
    await expect.poll(subjects).toEqual(['Design notes']);
    await page.getByTestId('view-all').click();
    await expect.poll(() => subjects().then((s) => s[0]), { timeout: 30_000 }).toBe('Design notes');
    expect(await rows.first().getAttribute('data-unread')).toBe('true');
    await page.screenshot({ path: '/tmp/triage-final.png' });
    expect(errors).toEqual([]);
  });
});
