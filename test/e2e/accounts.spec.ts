// Accounts as a user manages them, in browser mode against a real WordPress and Dovecot:
// adding a network from the welcome screen (a wrong application password is refused with
// where to make a right one), following a space so its posts reach the timeline, then the
// settings of each account: pausing and resuming mail sync, notifications, removal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../harness/app-server';
import { useBrowser } from '../harness/browser';
import { buildMessage, startDovecot, type DovecotServer } from '../harness/dovecot';
import { startWordPress, type WordPressServer } from '../harness/wordpress';

const browser = useBrowser();
let wp: WordPressServer;
let dovecot: DovecotServer;
let app: AppServer;

beforeAll(async () => {
  [wp, dovecot] = await Promise.all([startWordPress(), startDovecot()]);
  const engineering = await wp.createCategory('Engineering');
  const marketing = await wp.createCategory('Marketing');
  await wp.createPost({
    title: 'Release notes for 2.0',
    content: '<p>Shipped.</p>',
    categories: [engineering],
  });
  await wp.createPost({
    title: 'Spring campaign',
    content: '<p>Posters.</p>',
    categories: [marketing],
  });
  await dovecot.deliver(
    buildMessage({ subject: 'Welcome aboard', from: 'Ann <ann@example.test>', text: 'Hi.' }),
  );
  app = await startAppServer();
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await Promise.all([wp?.stop(), dovecot?.stop()]);
});

describe('accounts against a real WordPress and Dovecot', () => {
  it('adds a network, follows a space, pauses, resumes and removes accounts', async () => {
    const { page, errors } = await browser.newPage();
    await page.goto(app.url);

    // A wrong application password: refused by the core, nothing saved, and the form
    // says what failed and where WordPress makes application passwords.
    await page.getByTestId('empty-state').waitFor();
    await page.getByTestId('add-network').click();
    const form = page.getByTestId('rse-form');
    await form.getByTestId('rse-kind-wordpress').check();
    await form.getByTestId('rse-name').fill('Intranet');
    await form.getByTestId('rse-url').fill(wp.url);
    await form.getByTestId('rse-user').fill(wp.user);
    await form.getByTestId('rse-secret').fill('abcd efgh ijkl mnop qrst uvwx');
    await form.getByTestId('rse-submit').click();
    const error = form.getByTestId('account-error');
    await error.waitFor();
    expect(await error.getByTestId('account-error-title').innerText()).toBe(
      'The site refused these credentials.',
    );
    expect(await error.getByTestId('account-error-detail').innerText()).toMatch(/refused/);
    expect(await error.getByTestId('account-error-fix').innerText()).toContain(
      'Users → Profile → Application Passwords',
    );
    await page.screenshot({ path: '/tmp/passerelle-e2e-add-network.png' });
    expect(await page.getByTestId('empty-state').isVisible()).toBe(true);

    // The right one: the spaces are offered at once; following one fills the timeline
    // with its posts only.
    await form.getByTestId('rse-secret').fill(wp.appPassword);
    await form.getByTestId('rse-submit').click();
    const spacesDialog = page.getByTestId('spaces-dialog');
    const spaceNames = spacesDialog.getByTestId('space-name');
    await expect
      .poll(() => spaceNames.allInnerTexts(), { timeout: 20_000 })
      .toEqual(expect.arrayContaining(['Engineering', 'Marketing']));
    const engineering = spacesDialog.getByTestId('space-row').filter({ hasText: 'Engineering' });
    await engineering.getByTestId('space-follow').click();
    await expect.poll(() => engineering.getAttribute('data-followed')).toBe('true');
    await page.screenshot({ path: '/tmp/passerelle-e2e-spaces.png' });
    await spacesDialog.getByTestId('spaces-done').click();
    await expect.poll(() => spacesDialog.count()).toBe(0);

    const subjects = () => page.getByTestId('row-subject').allInnerTexts();
    await expect.poll(subjects, { timeout: 20_000 }).toContain('Release notes for 2.0');
    expect(await subjects()).not.toContain('Spring campaign');

    // Mail too, from the sidebar's Add account dialog.
    await page.getByTestId('sidebar-add-account').click();
    const add = page.getByTestId('add-account-dialog');
    await add.getByTestId('account-name').fill('Dovecot');
    await add.getByTestId('account-host').fill(dovecot.host);
    await add.getByTestId('account-tls').selectOption('none');
    await add.getByTestId('account-port').fill(String(dovecot.port));
    await add.getByTestId('account-user').fill(dovecot.user);
    await add.getByTestId('account-password').fill(dovecot.password);
    await add.getByTestId('account-submit').click();
    await expect.poll(subjects, { timeout: 20_000 }).toContain('Welcome aboard');

    // Pausing the mail account: the settings and the sidebar say so, and mail that
    // arrives meanwhile waits until sync resumes.
    const mailRow = page.getByTestId('account-list').locator('li', { hasText: 'Dovecot' });
    await expect
      .poll(() => mailRow.getAttribute('data-status'), { timeout: 20_000 })
      .toBe('online');
    await page.getByRole('button', { name: 'Settings for account Dovecot' }).click();
    const settings = page.getByTestId('account-settings-dialog');
    const status = settings.getByTestId('settings-status');
    expect(await status.innerText()).toContain('Up to date');
    await page.screenshot({ path: '/tmp/passerelle-e2e-account-settings.png' });

    await settings.getByTestId('account-pause').click();
    await expect.poll(() => status.getAttribute('data-status')).toBe('paused');
    expect(await status.innerText()).toContain('Paused');
    expect(await settings.getByTestId('account-pause').innerText()).toBe('Resume syncing');
    await expect.poll(() => mailRow.getAttribute('data-status')).toBe('paused');
    await dovecot.deliver(
      buildMessage({ subject: 'While paused', from: 'Bob <bob@example.test>', text: 'Later.' }),
    );
    await page.waitForTimeout(2_000);
    expect(await subjects()).not.toContain('While paused');

    await settings.getByTestId('account-pause').click();
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 20_000 }).toBe('online');
    await expect.poll(subjects, { timeout: 20_000 }).toContain('While paused');

    // Notifications per account: "Mentions of me" sticks (read back from the core).
    await settings.getByTestId('notify-mode-mentions').check();
    await expect.poll(() => settings.getByTestId('notify-mode-mentions').isEnabled()).toBe(true);
    await settings.getByTestId('settings-close').click();
    await page.getByRole('button', { name: 'Settings for account Dovecot' }).click();
    await expect.poll(() => settings.getByTestId('notify-mode-mentions').isChecked()).toBe(true);
    await page.keyboard.press('Escape');

    // Removing the network from its settings takes its posts along; mail stays.
    await page.getByRole('button', { name: 'Settings for account Intranet' }).click();
    expect(await settings.getByTestId('settings-followed').innerText()).toBe('1 followed');
    await page.screenshot({ path: '/tmp/passerelle-e2e-network-settings.png' });
    await settings.getByTestId('settings-remove').click();
    await page.getByTestId('confirm-remove').click();
    await expect.poll(() => page.getByTestId('account-list').innerText()).not.toContain('Intranet');
    await expect.poll(subjects).not.toContain('Release notes for 2.0');
    expect(await subjects()).toContain('Welcome aboard');

    expect(errors).toEqual([]);
  }, 90_000);
});
