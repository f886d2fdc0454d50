// Choosing the account a message goes from, and the outbox, in browser mode against a
// real Dovecot and SMTP server: with two mail accounts the composer offers both, starts on
// the first, and the message leaves with the sender address of the one chosen; the name
// and signature set in an account's settings sign its messages and follow the From; a
// message scheduled for later shows in the outbox, where cancelling gives it back.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localInputValue, useBrowser } from '../harness/browser';
import { startMailApp, type MailApp } from '../harness/mail-app';
import type { SmtpTestServer } from '../harness/smtp';

const browser = useBrowser();
let mail: MailApp;
let smtp: SmtpTestServer;

beforeAll(async () => {
  // Two accounts on one mailbox: what tells them apart here is their sender address.
  mail = await startMailApp({
    accounts: [
      { name: 'Work', from: 'Alice <alice@example.test>' },
      { name: 'Home', from: 'Alice at home <alice@home.test>' },
    ],
  });
  ({ smtp } = mail);
}, 120_000);

afterAll(() => mail?.stop());

describe('the account a message goes from', () => {
  it('offers every mail account and sends from the one chosen', async () => {
    const { page, context, errors } = await browser.newPage();
    await context.addInitScript(
      "if (window === window.top) localStorage.setItem('passerelle.undoSendMs', '1000');",
    );
    await page.goto(mail.app.url);
    await page.getByTestId('timeline').waitFor({ timeout: 20_000 });
    await page.keyboard.press('Control+n');
    const from = page.getByTestId('composer-from');
    await from.waitFor();
    const options = (await from.locator('option').allTextContents()).map((o) => o.trim());
    expect(options).toEqual(['Work (alice)', 'Home (alice)']);
    expect(await from.locator('option:checked').textContent()).toMatch(/^\s*Work/);

    await from.selectOption({ label: 'Home (alice)' });
    await page.getByTestId('composer-to-input').fill('bob@example.test');
    await page.getByTestId('composer-to-input').press('Enter');
    await page.getByTestId('composer-subject').fill('From home');
    await page.getByTestId('composer-body').fill('Sent from the other account.');
    await page.screenshot({ path: join(tmpdir(), 'compose-from.png') });
    await page.getByTestId('composer-send').click();
    await expect.poll(() => smtp.received.length, { timeout: 30_000 }).toBe(1);
    const parsed = await PostalMime.parse(smtp.received[0]!.raw);
    expect(parsed.subject).toBe('From home');
    expect(parsed.from).toMatchObject({ name: 'Alice at home', address: 'alice@home.test' });
    expect(errors).toEqual([]);
  }, 60_000);
});

describe('a name and a signature per account', () => {
  it('are set in the settings, sign a new message, follow the From, and leave with it', async () => {
    const { page, context, errors } = await browser.newPage();
    await context.addInitScript(
      "if (window === window.top) localStorage.setItem('passerelle.undoSendMs', '1000');",
    );
    await page.goto(mail.app.url);
    await page.getByTestId('timeline').waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Settings for account Work' }).click();
    const settings = page.getByTestId('account-settings-dialog');
    await settings.getByTestId('account-identity-edit').click();
    await settings.getByTestId('identity-name').fill('Ada Lovelace');
    await settings.getByTestId('identity-signature').fill('Ada Lovelace\nAnalytical Engines');
    await page.screenshot({ path: join(tmpdir(), 'account-identity.png') });
    // Back saves what was typed: no Save click needed to keep it.
    await settings.getByTestId('identity-back').click();
    await expect
      .poll(() => settings.getByTestId('settings-identity').innerText())
      .toBe('Ada Lovelace');
    await settings.getByTestId('settings-close').click();

    await page.keyboard.press('Control+n');
    const body = page.getByTestId('composer-body');
    await expect.poll(() => body.innerText()).toMatch(/^\s*-- \nAda Lovelace\nAnalytical Engines$/);
    // Home has no signature: moving the From there takes Work's away, and back brings it.
    const from = page.getByTestId('composer-from');
    await from.selectOption({ label: 'Home (alice)' });
    await expect.poll(() => body.innerText()).not.toContain('Ada');
    await from.selectOption({ label: 'Work (alice)' });
    await expect.poll(() => body.innerText()).toContain('Analytical Engines');
    await page.screenshot({ path: join(tmpdir(), 'compose-signed.png') });

    await page.getByTestId('composer-to-input').fill('bob@example.test');
    await page.getByTestId('composer-to-input').press('Enter');
    await page.getByTestId('composer-subject').fill('Signed');
    await body.press('Control+Home');
    await body.pressSequentially('The engine is ready.');
    await page.getByTestId('composer-send').click();
    await expect
      .poll(() => smtp.received.some((m) => m.raw.includes('Subject: Signed')), { timeout: 30_000 })
      .toBe(true);
    const sent = smtp.received.find((m) => m.raw.includes('Subject: Signed'))!;
    const parsed = await PostalMime.parse(sent.raw);
    expect(parsed.from).toEqual({ name: 'Ada Lovelace', address: 'alice@example.test' });
    expect(parsed.text).toMatch(
      /^The engine is ready\.\n\n-- \nAda Lovelace\nAnalytical Engines\s*$/,
    );
    expect(parsed.html).toContain('Analytical Engines');
    expect(errors).toEqual([]);
  }, 60_000);
});

describe('the outbox', () => {
  it('shows a message scheduled for later, and gives it back to edit', async () => {
    const before = smtp.received.length;
    const { page, errors } = await browser.newPage();
    await page.goto(mail.app.url);
    await page.getByTestId('timeline').waitFor({ timeout: 20_000 });
    await page.keyboard.press('Control+n');
    await page.getByTestId('composer-to-input').fill('bob@example.test');
    await page.getByTestId('composer-to-input').press('Enter');
    await page.getByTestId('composer-subject').fill('Tomorrow morning');
    await page.getByTestId('composer-body').fill('Scheduled, then changed my mind.');
    const at = new Date(Date.now() + 3_600_000);
    await page.getByTestId('composer-later-at').fill(localInputValue(at));
    await page.getByTestId('composer-send-later').click();
    await expect.poll(() => page.getByTestId('composer').count(), { timeout: 15_000 }).toBe(0);

    // The sidebar says a message waits; the outbox says when it leaves.
    const entry = page.getByTestId('sidebar-outbox');
    await expect.poll(() => entry.textContent(), { timeout: 10_000 }).toMatch(/Outbox \(1\)/);
    await entry.click();
    const item = page.getByTestId('outbox-item');
    expect(await item.textContent()).toContain('Send “Tomorrow morning” to bob@example.test');
    expect(await item.getByTestId('outbox-status').textContent()).toMatch(/^Leaves /);
    await page.screenshot({ path: join(tmpdir(), 'outbox.png') });

    // Cancel and edit: the draft is back in the composer, and nothing leaves.
    await item.getByTestId('outbox-edit').click();
    await page.getByTestId('composer').waitFor();
    expect(await page.getByTestId('composer-subject').inputValue()).toBe('Tomorrow morning');
    await expect.poll(() => entry.count()).toBe(0);
    await page.getByTestId('composer-discard').click();
    expect(smtp.received.length).toBe(before);
    expect(errors).toEqual([]);
  }, 60_000);
});
