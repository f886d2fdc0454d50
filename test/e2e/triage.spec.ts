// Triage as a user does it, keyboard first, against a real Dovecot in browser mode: each
// key reaches the server (flags, moves), archive can be undone, smart views filter, search
// lists results, the help overlay lists the keys, and a snooze comes back on its own;
// v moves to a folder, ! marks junk, and Not junk in the Junk folder takes it back; #
// in Trash deletes for good once confirmed, Empty clears Trash; a folder ticked in the
// settings syncs; the palette marks all of a folder read.
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
  // A folder of the user's own, there before the account is added.
  const client = await dovecot.client();
  await client.mailboxCreate('Projects');
  await client.logout();
  app = await startAppServer();
});

afterAll(async () => {
  await app?.stop();
  await dovecot?.stop();
});

const flagsOf = async (subject: string) => (await dovecot.fetchFlags(uids[subject]!)) ?? [];

/** The folders holding the message with this Message-ID, as the server says. */
async function foldersHolding(messageId: string): Promise<string[]> {
  const out = await dovecot.doveadm(
    'fetch',
    '-u',
    'alice',
    'mailbox',
    'mailbox',
    '*',
    'header',
    'message-id',
    messageId,
  );
  return [...out.matchAll(/^mailbox: (.+)$/gm)].map((m) => m[1]!.trim()).sort();
}

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

  it('moves with v to a folder, marks junk with !, and takes it back from Junk', async () => {
    await dovecot.deliver(buildMessage({ subject: 'Quarterly plan', messageId: '<plan@x>' }));
    await dovecot.deliver(buildMessage({ subject: 'Cheap watches', messageId: '<spam@x>' }));
    const { page, errors } = await browser.newPage();
    await page.goto(app.url);
    const rows = page.getByTestId('timeline-row');
    const subjects = () => rows.getByTestId('row-subject').allInnerTexts();
    await expect
      .poll(subjects, { timeout: 30_000 })
      .toEqual(expect.arrayContaining(['Quarterly plan', 'Cheap watches']));

    // v on Quarterly plan: the account's folders, filtered as typed; Enter moves it there.
    await rows.filter({ hasText: 'Quarterly plan' }).click();
    await page.keyboard.press('u');
    await page.keyboard.press('v');
    const picker = page.getByTestId('move-picker');
    const offered = await picker.getByTestId('move-picker-item').allInnerTexts();
    expect(offered).toEqual(expect.arrayContaining(['Archive', 'Junk', 'Projects']));
    expect(offered).not.toContain('Inbox'); // where it already is
    expect(offered).not.toContain('Drafts');
    await page.getByTestId('move-picker-filter').fill('proj');
    expect(await picker.getByTestId('move-picker-item').allInnerTexts()).toEqual(['Projects']);
    await page.keyboard.press('Enter');
    await expect.poll(subjects).not.toContain('Quarterly plan');
    expect(await page.getByTestId('toast').innerText()).toContain('Moved to Projects');
    await expect.poll(() => foldersHolding('<plan@x>'), { timeout: 20_000 }).toEqual(['Projects']);

    // ! marks Cheap watches as junk: it leaves the inbox for the server's Junk.
    await rows.filter({ hasText: 'Cheap watches' }).click();
    await page.keyboard.press('!');
    await expect.poll(subjects).not.toContain('Cheap watches');
    await expect.poll(() => foldersHolding('<spam@x>'), { timeout: 20_000 }).toEqual(['Junk']);

    // In the Junk folder the toolbar's More says Not junk, and it goes back to the inbox.
    await page.locator('[data-testid="folder"][data-role="junk"]').click();
    await rows.filter({ hasText: 'Cheap watches' }).click();
    await page.getByTestId('action-more').click();
    const first = page.getByTestId('more-menu-item').first();
    expect(await first.innerText()).toMatch(/^Not junk\s+!$/);
    await first.click();
    await expect.poll(subjects).not.toContain('Cheap watches');
    await expect.poll(() => foldersHolding('<spam@x>'), { timeout: 20_000 }).toEqual(['INBOX']);
    expect(errors).toEqual([]);
  });

  it('deletes forever and empties Trash once confirmed, and syncs a folder ticked in the settings', async () => {
    await dovecot.deliver(buildMessage({ subject: 'Old newsletter', messageId: '<old@x>' }));
    await dovecot.deliver(buildMessage({ subject: 'Stale offer', messageId: '<stale@x>' }));
    await dovecot.deliver(
      buildMessage({ subject: 'Caught as spam', messageId: '<caught@x>' }),
      'Junk',
    );
    const { page, errors } = await browser.newPage();
    await page.goto(app.url);
    const rows = page.getByTestId('timeline-row');
    const subjects = () => rows.getByTestId('row-subject').allInnerTexts();
    await expect.poll(subjects, { timeout: 30_000 }).toContain('Old newsletter');

    // # trashes both; in Trash, # asks, and Enter deletes one for good on the server.
    await expect.poll(subjects).toContain('Stale offer');
    for (const subject of ['Old newsletter', 'Stale offer']) {
      await rows.filter({ hasText: subject }).click();
      await page.keyboard.press('#');
      await expect.poll(subjects).not.toContain(subject);
    }
    await expect.poll(() => foldersHolding('<old@x>'), { timeout: 20_000 }).toEqual(['Trash']);
    await page.locator('[data-testid="folder"][data-role="trash"]').click();
    await rows.filter({ hasText: 'Old newsletter' }).click();
    expect(await page.getByTestId('action-trash').innerText()).toBe('Delete forever…');
    await page.keyboard.press('u');
    await page.keyboard.press('#');
    const confirm = page.getByTestId('delete-forever-dialog');
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain('cannot be undone');
    await page.keyboard.press('Enter');
    await expect.poll(subjects).not.toContain('Old newsletter');
    await expect.poll(() => foldersHolding('<old@x>'), { timeout: 20_000 }).toEqual([]);

    // Empty: what is left in Trash goes too, once confirmed.
    await expect.poll(subjects).toContain('Stale offer');
    await page.getByTestId('empty-folder').click();
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain('Delete everything in Trash forever?');
    await confirm.getByTestId('confirm-delete').click();
    await expect.poll(subjects).toEqual([]);
    await expect
      .poll(() => dovecot.doveadm('mailbox', 'status', '-u', 'alice', 'messages', 'Trash'), {
        timeout: 20_000,
      })
      .toMatch(/messages=0/);

    // Junk is not synced by default; ticked in the account settings, its mail shows.
    await page.locator('[data-testid="folder"][data-role="junk"]').click();
    expect(await subjects()).not.toContain('Caught as spam');
    await page.getByTestId('account-settings').first().click();
    const dialog = page.getByTestId('account-settings-dialog');
    await dialog.getByTestId('account-folders').click();
    const junk = dialog.getByTestId('folder-sync-Junk');
    expect(await junk.isChecked()).toBe(false);
    await junk.check();
    await expect
      .poll(() => dialog.getByTestId('folders-synced-count').innerText())
      .toMatch(/^6 of/);
    await dialog.getByTestId('folders-window').selectOption({ label: 'The last 90 days' });
    await expect.poll(() => dialog.getByTestId('folders-window').inputValue()).toBe('90');
    await dialog.getByTestId('folders-back').click();
    await dialog.getByTestId('settings-close').click();
    await expect.poll(subjects, { timeout: 20_000 }).toContain('Caught as spam');

    // The palette marks all the mail of the list read, on the server too.
    const unread = () => rows.filter({ hasText: 'Caught as spam' }).getAttribute('data-unread');
    expect(await unread()).toBe('true');
    await page.keyboard.press('Control+k');
    await page.getByTestId('command-palette').locator('input').fill('mark all');
    await page.keyboard.press('Enter');
    await expect.poll(unread).toBe('false');
    await expect
      .poll(
        () =>
          dovecot.doveadm(
            'fetch',
            '-u',
            'alice',
            'flags',
            'mailbox',
            'Junk',
            'header',
            'message-id',
            '<caught@x>',
          ),
        { timeout: 20_000 },
      )
      .toMatch(/\\Seen/);
    expect(errors).toEqual([]);
  });
});
