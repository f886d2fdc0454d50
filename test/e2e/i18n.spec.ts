// The window speaks the browser's language: Chromium set to French gets the French
// strings, a French <html lang> and French dates, all under the page's strict CSP (the
// message compiler must not need eval). English browsers keep the English window.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  // Midday UTC, so the day is the same in any time zone the machine may be in.
  await dovecot.deliver(
    buildMessage({
      subject: 'Bilan annuel',
      from: 'Chloé Martin <chloe@example.test>',
      date: new Date(Date.UTC(2023, 1, 3, 12, 0)),
      text: 'Voici le bilan.',
    }),
  );
  app = await startAppServer();
});

afterAll(async () => {
  await app?.stop();
  await dovecot?.stop();
});

const htmlLang = "document.documentElement.getAttribute('lang')";

describe('the window in the browser’s language', () => {
  it('stays English for an English browser', async () => {
    const { page, errors } = await browser.newPage({ locale: 'en-US' });
    await page.goto(app.url);
    const welcome = page.getByTestId('empty-state');
    await welcome.waitFor();
    expect(await page.evaluate(htmlLang)).toBe('en');
    expect(await welcome.getByRole('heading').innerText()).toBe('Welcome to Passerelle');
    expect(errors).toEqual([]);
  });

  it('says what the core reports in French: a refused password against the real Dovecot', async () => {
    const { page, errors } = await browser.newPage({ locale: 'fr-FR' });
    await page.goto(app.url);
    await page.getByTestId('empty-state').waitFor();
    await page.getByTestId('add-mail-account').click();
    const form = page.getByTestId('account-form');
    await form.getByTestId('account-name').fill('Dovecot');
    await form.getByTestId('account-host').fill(dovecot.host);
    await form.getByTestId('account-tls').selectOption('none');
    await form.getByTestId('account-port').fill(String(dovecot.port));
    await form.getByTestId('account-user').fill(dovecot.user);
    await form.getByTestId('account-password').fill(`${dovecot.password}-wrong`);
    await form.getByTestId('account-submit').click();
    const error = form.getByTestId('account-error');
    await error.waitFor();
    // The core's sentence (imap-errors.ts), worded in French by the window, host kept.
    const detail = await error.locator('span').first().innerText();
    expect(detail).toContain(`Le serveur ${dovecot.host}:${dovecot.port} a refusé`);
    expect(detail).toContain('mot de passe d’application');
    expect(detail).not.toMatch(/rejected|Check both/);
    await page.screenshot({ path: join(tmpdir(), 'i18n-fr-auth-error.png') });
    expect(errors).toEqual([]);
  });

  it('is French for a French browser: strings, lang, dates, and no CSP violation', async () => {
    const { page, errors } = await browser.newPage({ locale: 'fr-FR' });
    await page.goto(app.url);
    const welcome = page.getByTestId('empty-state');
    await welcome.waitFor();
    expect(await page.evaluate(htmlLang)).toBe('fr');
    await page.screenshot({ path: join(tmpdir(), 'i18n-fr-welcome.png') });
    expect(await welcome.getByRole('heading').innerText()).toBe('Bienvenue dans Passerelle');
    expect(await page.getByTestId('add-mail-account').innerText()).toBe(
      'Ajouter un compte de messagerie',
    );
    expect(await page.getByTestId('sidebar').innerText()).toContain('Aucun compte pour l’instant');

    await addDovecotAccount(page, dovecot);
    const row = page.getByTestId('timeline-row').filter({ hasText: 'Bilan annuel' });
    await row.waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('view-unread').innerText()).toBe('Non lus');
    // The list row dates the mail the French way.
    expect(await row.innerText()).toContain('3 févr. 2023');

    await row.click();
    await expect.poll(() => page.getByTestId('thread-subject').innerText()).toBe('Bilan annuel');
    const thread = page.getByTestId('thread');
    expect(await thread.innerText()).toContain('1 message');
    expect(await thread.getByTestId('message').locator('time').innerText()).toMatch(
      /^3 févr\. 2023\b/,
    );
    expect(await page.getByTestId('action-archive').innerText()).toBe('Archiver');
    expect(await page.getByTestId('reading-pane').getAttribute('aria-label')).toBe(
      'Volet de lecture',
    );

    await page.screenshot({ path: join(tmpdir(), 'i18n-fr-reading.png') });

    // The ? overlay lists the keys in French.
    await page.keyboard.press('?');
    const help = await page.getByTestId('help-overlay').innerText();
    for (const text of ['Raccourcis clavier', 'Conversation suivante', 'Mettre à la corbeille'])
      expect(help).toContain(text);
    await page.screenshot({ path: join(tmpdir(), 'i18n-fr-help.png') });
    await page.keyboard.press('Escape');

    expect(errors.filter((e) => /Content Security Policy|unsafe-eval/i.test(e))).toEqual([]);
    expect(errors).toEqual([]);
  });
});
