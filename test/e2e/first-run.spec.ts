// The walking skeleton, as a newcomer meets it: a fresh profile in browser mode, the
// first-run form pointed at a real Dovecot, mail arriving live, reading marks \Seen on
// the server, and removing the account brings the welcome back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../harness/app-server';
import { MAIN_VIEWPORT, useBrowser } from '../harness/browser';
import { buildMessage, startDovecot, type DovecotServer } from '../harness/dovecot';

const browser = useBrowser();
let dovecot: DovecotServer;
let app: AppServer;
const uids: Record<string, number | undefined> = {};
const hour = 3_600_000;
const base = Date.now() - 48 * hour;

beforeAll(async () => {
  dovecot = await startDovecot();
  // Delivered oldest first, so arrival order and Date headers agree.
  const seed = [
    { subject: 'Quarterly numbers', from: 'Carol Lee <carol@example.test>', at: base },
    { subject: 'Lunch on Friday?', from: 'Dan Ortiz <dan@example.test>', at: base + 5 * hour },
    { subject: 'Release checklist', from: 'Erin Park <erin@example.test>', at: base + 9 * hour },
  ];
  for (const m of seed) {
    uids[m.subject] = await dovecot.deliver(
      buildMessage({
        subject: m.subject,
        from: m.from,
        date: new Date(m.at),
        text: `Body of ${m.subject}.`,
      }),
    );
  }
  app = await startAppServer();
});

afterAll(async () => {
  await app?.stop();
  await dovecot?.stop();
});

async function seenOnServer(uid: number | undefined): Promise<boolean> {
  if (uid === undefined) throw new Error('the harness did not report a UID');
  return ((await dovecot.fetchFlags(uid)) ?? []).includes('\\Seen');
}

describe('first run against a real Dovecot', () => {
  it('adds the account from the empty state, shows mail live, and marks it read on the server', async () => {
    const { page, errors } = await browser.newPage();
    await page.goto(app.url);
    // The token was traded for a cookie and dropped from the address bar.
    expect(page.url()).not.toContain('token=');

    await page.getByTestId('empty-state').waitFor();
    await page.getByTestId('add-mail-account').click();
    const form = page.getByTestId('account-form');
    await form.getByTestId('account-name').fill('Dovecot');
    await form.getByTestId('account-host').fill(dovecot.host);
    await form.getByTestId('account-tls').selectOption('none');
    await form.getByTestId('account-port').fill(String(dovecot.port));
    await form.getByTestId('account-user').fill(dovecot.user);

    // A wrong password is refused with a message the user can act on; nothing is saved.
    await form.getByTestId('account-password').fill('not-the-password');
    await form.getByTestId('account-submit').click();
    const error = page.getByTestId('account-error');
    await error.waitFor();
    expect((await error.innerText()).trim().length).toBeGreaterThan(10);
    await expect.poll(() => page.getByTestId('empty-state').isVisible()).toBe(true);

    await form.getByTestId('account-password').fill(dovecot.password);
    await form.getByTestId('account-submit').click();

    const rows = page.getByTestId('timeline-row');
    const subjects = () => rows.getByTestId('row-subject').allInnerTexts();
    await expect
      .poll(subjects, { timeout: 30_000 })
      .toEqual(['Release checklist', 'Lunch on Friday?', 'Quarterly numbers']);
    await expect.poll(() => page.getByTestId('account-list').innerText()).toContain('Dovecot');
    expect(await rows.first().getByTestId('row-sender').innerText()).toBe('Erin Park');
    await page.screenshot({ path: '/tmp/passerelle-e2e-timeline.png' });

    // New mail shows up by itself (IDLE -> db.changed -> refresh), on top.
    uids['Fresh news'] = await dovecot.deliver(
      buildMessage({
        subject: 'Fresh news',
        from: 'Frank Ito <frank@example.test>',
        text: 'Just arrived.',
      }),
    );
    await expect
      .poll(() => rows.first().getByTestId('row-subject').innerText(), { timeout: 30_000 })
      .toBe('Fresh news');
    expect(await rows.count()).toBe(4);

    // Opening an unread thread shows it and marks it read, locally and on the server.
    const fresh = rows.first();
    expect(await fresh.getAttribute('data-unread')).toBe('true');
    expect(await seenOnServer(uids['Fresh news'])).toBe(false);
    await fresh.click();
    await expect.poll(() => page.getByTestId('thread-subject').innerText()).toBe('Fresh news');
    expect(await page.getByTestId('message-body').first().innerText()).toContain('Just arrived.');
    await expect.poll(() => fresh.getAttribute('data-unread')).toBe('false');
    await expect.poll(() => seenOnServer(uids['Fresh news']), { timeout: 20_000 }).toBe(true);
    expect(await seenOnServer(uids['Quarterly numbers'])).toBe(false);

    // The keyboard reaches the other threads: j moves down, o opens.
    await page.keyboard.press('j');
    await page.keyboard.press('o');
    await expect
      .poll(() => page.getByTestId('thread-subject').innerText())
      .toBe('Release checklist');
    await page.screenshot({ path: '/tmp/passerelle-e2e-reading.png' });
    await page.keyboard.press('k');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('thread-subject').innerText()).toBe('Fresh news');

    // A second account can be added from the sidebar; Escape backs out of the dialog.
    await page.getByTestId('sidebar-add-account').click();
    const dialog = page.getByTestId('add-account-dialog');
    await dialog.getByTestId('account-host').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);

    // Removing the account (after confirming) empties the timeline and brings back the welcome.
    await page.getByTestId('account-list').hover();
    await page.getByTestId('account-remove').click();
    await page.getByTestId('confirm-remove').click();
    await page.getByTestId('empty-state').waitFor();

    expect(errors).toEqual([]);
  });

  it('fits 1024x640 without page scrollbars and follows a dark OS theme', async () => {
    const { page, errors } = await browser.newPage({ colorScheme: 'dark' });
    await page.goto(app.url);
    await page.getByTestId('empty-state').waitFor();
    const size = await page.evaluate(
      '[document.documentElement.scrollWidth, document.documentElement.scrollHeight]',
    );
    expect(size).toEqual([MAIN_VIEWPORT.width, MAIN_VIEWPORT.height]);
    const background = await page.evaluate('getComputedStyle(document.body).backgroundColor');
    expect(background).not.toBe('rgb(255, 255, 255)');
    expect(errors).toEqual([]);
  });
});
