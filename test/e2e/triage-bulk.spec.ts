// Triage flows the keyboard spec does not cover, in Chromium against browser mode with a
// real Dovecot behind it: the command palette runs an action, mute keeps later replies out
// of the inbox and Unread views, x selects two threads that one archive moves and one Undo
// brings back, a woken snooze stays on top through later changes and a reload, a row's
// context menu (mouse and keyboard) archives, and the account settings rename the account
// and change its password.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../harness/app-server';
import { useBrowser } from '../harness/browser';
import { buildMessage, startDovecot, type DovecotServer } from '../harness/dovecot';
import { addDovecotAccount } from './flows';

const browser = useBrowser();
let dovecot: DovecotServer;
let app: AppServer;
const uids: Record<string, number> = {};
const hour = 3_600_000;
const SUBJECTS = ['Roadmap', 'Chatty list', 'Invoice 7', 'Invoice 8', 'Lunch', 'Newsletter'];

/** A subject's UID in INBOX on the server now, or null when it is not there. */
async function inInbox(subject: string): Promise<boolean> {
  return (await dovecot.fetchFlags(uids[subject]!)) !== null;
}

beforeAll(async () => {
  dovecot = await startDovecot();
  const base = Date.now() - 48 * hour;
  for (const [i, subject] of SUBJECTS.entries()) {
    uids[subject] = (await dovecot.deliver(
      buildMessage({
        subject,
        messageId: `<m${i}@example.test>`,
        from: `Sender ${i} <s${i}@example.test>`,
        date: new Date(base + i * hour),
        text: `Body of ${subject}.`,
      }),
      'INBOX',
      ['\\Seen'],
    ))!;
  }
  app = await startAppServer();
});

afterAll(async () => {
  await app?.stop();
  await dovecot?.stop();
});

describe('triage beyond single keys, against a real Dovecot', () => {
  it('palette, mute, bulk archive with undo, a snooze that stays on top, account settings', async () => {
    const { page, errors } = await browser.newPage();
    await page.goto(app.url);
    await addDovecotAccount(page, dovecot);
    const rows = page.getByTestId('timeline-row');
    const row = (subject: string) => rows.filter({ hasText: subject });
    const subjects = () => rows.getByTestId('row-subject').allInnerTexts();
    await expect.poll(subjects, { timeout: 30_000 }).toEqual([...SUBJECTS].reverse());

    // Ctrl+K, type, Enter: the palette runs the action on the selected row.
    await row('Newsletter').click();
    await page.keyboard.press('u');
    await page.keyboard.press('Control+k');
    const palette = page.getByTestId('command-palette');
    await palette.waitFor();
    await page.keyboard.type('archive');
    await page.keyboard.press('Enter');
    await expect.poll(() => palette.count()).toBe(0);
    await expect.poll(subjects).not.toContain('Newsletter');
    await expect.poll(() => inInbox('Newsletter'), { timeout: 20_000 }).toBe(false);

    // m mutes Chatty list: a later reply reaches the account but not the inbox views.
    await row('Chatty list').click();
    await page.keyboard.press('u');
    await page.keyboard.press('m');
    await expect.poll(subjects).not.toContain('Chatty list');
    await dovecot.deliver(
      buildMessage({
        subject: 'Re: Chatty list',
        inReplyTo: '<m1@example.test>',
        references: ['<m1@example.test>'],
        text: 'One more opinion.',
      }),
    );
    // A message delivered after it tells when the sync has passed the reply.
    await dovecot.deliver(buildMessage({ subject: 'Sync marker', text: 'Arrives after.' }));
    await expect.poll(subjects, { timeout: 30_000 }).toContain('Sync marker');
    expect(await subjects()).not.toContain('Chatty list');
    await page.getByTestId('view-unread').click();
    await expect.poll(subjects).toEqual(['Sync marker']);
    await page.getByTestId('view-all').click();
    await expect.poll(subjects).toContain('Roadmap');

    // x on two rows, one e: both archived on the server; one Undo brings both back.
    await row('Invoice 7').click();
    await page.keyboard.press('u');
    await page.keyboard.press('x');
    await row('Invoice 8').click();
    await page.keyboard.press('u');
    await page.keyboard.press('x');
    await expect
      .poll(() => page.locator('[data-testid="row-check"][aria-checked="true"]').count())
      .toBe(2);
    await page.keyboard.press('e');
    await expect.poll(subjects).not.toContain('Invoice 7');
    expect(await subjects()).not.toContain('Invoice 8');
    await expect.poll(() => inInbox('Invoice 7'), { timeout: 20_000 }).toBe(false);
    await expect.poll(() => inInbox('Invoice 8'), { timeout: 20_000 }).toBe(false);
    await page.getByTestId('toast-undo').click();
    await expect.poll(subjects, { timeout: 20_000 }).toContain('Invoice 7');
    await expect.poll(subjects, { timeout: 20_000 }).toContain('Invoice 8');
    const inInboxBySubject = async (subject: string) => {
      const client = await dovecot.client();
      try {
        const lock = await client.getMailboxLock('INBOX');
        try {
          return ((await client.search({ subject }, { uid: true })) || []).length > 0;
        } finally {
          lock.release();
        }
      } finally {
        await client.logout();
      }
    };
    // Undo moves them back (new UIDs), so the server is asked by subject.
    await expect.poll(() => inInboxBySubject('Invoice 7'), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => inInboxBySubject('Invoice 8'), { timeout: 20_000 }).toBe(true);

    // b snoozes Roadmap (the oldest) a few seconds ahead; it comes back unread on top,
    // and stays there when flagged, when an older message arrives, and after a reload.
    await row('Roadmap').click();
    await page.keyboard.press('u');
    await page.keyboard.press('b');
    const when = new Date(Date.now() + 5_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    await page
      .getByTestId('snooze-date')
      .fill(
        `${when.getFullYear()}-${pad(when.getMonth() + 1)}-${pad(when.getDate())}T${pad(when.getHours())}:${pad(when.getMinutes())}:${pad(when.getSeconds())}`,
      );
    await page.getByTestId('snooze-custom').click();
    await expect.poll(subjects).not.toContain('Roadmap');
    await expect.poll(() => subjects().then((s) => s[0]), { timeout: 30_000 }).toBe('Roadmap');
    await expect.poll(() => rows.first().getAttribute('data-unread')).toBe('true');
    await rows.first().click();
    await page.keyboard.press('u');
    await page.keyboard.press('s');
    await expect
      .poll(() => dovecot.fetchFlags(uids['Roadmap']!), { timeout: 20_000 })
      .toContain('\\Flagged');
    await dovecot.deliver(
      buildMessage({ subject: 'Old news', date: new Date(Date.now() - 30 * hour) }),
    );
    await expect.poll(subjects, { timeout: 30_000 }).toContain('Old news');
    expect((await subjects())[0]).toBe('Roadmap');
    await page.reload();
    await expect.poll(() => subjects().then((s) => s[0]), { timeout: 20_000 }).toBe('Roadmap');
    await page.screenshot({ path: '/tmp/triage-bulk.png' });

    // A row's context menu (right click) lists the key table's actions with their keys.
    await row('Lunch').click({ button: 'right' });
    const menu = page.getByTestId('row-menu');
    await menu.waitFor();
    const entries = (await menu.getByTestId('row-menu-item').allInnerTexts()).join('\n');
    for (const entry of ['Archive', 'Mute conversation', 'Post to…', 'Reply all'])
      expect(entries).toContain(entry);
    await page.keyboard.press('Escape');
    await expect.poll(() => menu.count()).toBe(0);
    // From the keyboard: Shift+F10 on the selected row, then Archive acts on that row.
    await page.getByTestId('timeline').focus();
    await page.keyboard.press('Shift+F10');
    await menu.waitFor();
    await menu.getByRole('menuitem', { name: /^Archive/ }).click();
    await expect.poll(() => menu.count()).toBe(0);
    await expect.poll(subjects).not.toContain('Lunch');
    await expect.poll(() => inInbox('Lunch'), { timeout: 20_000 }).toBe(false);

    // Account settings: rename, then a new password after the server's changed.
    await page.getByTestId('account-settings').first().click();
    const dialog = page.getByTestId('account-settings-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('settings-name').fill('Office mail');
    await dialog.getByTestId('settings-rename').click();
    await expect.poll(() => page.getByText('Office mail').count()).toBeGreaterThan(0);
    const newPassword = 'a-new-password-for-alice';
    await writeFile(join(dovecot.dir, 'users'), `alice:{PLAIN}${newPassword}\n`);
    await dialog.getByTestId('settings-change-password').click();
    await dialog.getByTestId('settings-password').fill('not-the-password');
    await dialog.getByTestId('settings-password-save').click();
    const problem = dialog.getByTestId('settings-password-error');
    await expect.poll(() => problem.count(), { timeout: 20_000 }).toBe(1);
    expect(await problem.innerText()).toContain('refused these credentials');
    await dialog.getByTestId('settings-password').fill(newPassword);
    await dialog.getByTestId('settings-password-save').click();
    await dialog.getByTestId('settings-password-saved').waitFor({ timeout: 20_000 });
    await expect
      .poll(() => dialog.getByTestId('settings-status').getAttribute('data-status'), {
        timeout: 20_000,
      })
      .toBe('online');
    await page.screenshot({ path: '/tmp/account-settings.png' });
    expect(errors).toEqual([]);
  });
});
