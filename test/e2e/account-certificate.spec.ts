// A mail server with a self-signed certificate, as a user meets it in the add-account form:
// the refusal shows the certificate's fingerprint, and "Trust this certificate" adds the
// account with that exact certificate pinned. In French too.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../harness/app-server';
import { useBrowser } from '../harness/browser';
import { buildMessage, startDovecot, type DovecotServer } from '../harness/dovecot';
import { makeTestCertificates, type TestCertificates } from '../harness/tls-certs';

const browser = useBrowser();
let dovecot: DovecotServer;
let app: AppServer;
let certs: TestCertificates;

beforeAll(async () => {
  certs = await makeTestCertificates();
  dovecot = await startDovecot({
    tls: { certPem: certs.selfSigned.certPem, keyPem: certs.selfSigned.keyPem },
  });
  await dovecot.deliver(buildMessage({ subject: 'Behind a self-signed certificate' }));
  app = await startAppServer();
});

afterAll(async () => {
  await app?.stop();
  await dovecot?.stop();
});

it('shows the fingerprint of a refused certificate and trusts it on request', async () => {
  const { page, errors } = await browser.newPage({ locale: 'fr-FR' });
  await page.goto(app.url);
  await page.getByTestId('add-mail-account').click();
  const form = page.getByTestId('account-form');
  await form.getByTestId('account-name').fill('Autosigné');
  await form.getByTestId('account-host').fill(dovecot.host);
  await form.getByTestId('account-port').fill(String(dovecot.tlsPort));
  await form.getByTestId('account-user').fill(dovecot.user);
  await form.getByTestId('account-password').fill(dovecot.password);
  await form.getByTestId('account-submit').click();

  const error = page.getByTestId('account-error');
  await error.waitFor();
  expect(await error.innerText()).toContain(
    'Le certificat du serveur de messagerie n’est pas reconnu.',
  );
  expect(await page.getByTestId('account-cert-fingerprint').innerText()).toBe(
    certs.selfSigned.fingerprint,
  );
  // Nothing was saved by the refused attempt.
  expect(await page.getByTestId('empty-state').isVisible()).toBe(true);

  const trust = page.getByTestId('account-trust-cert');
  expect(await trust.innerText()).toBe('Faire confiance à ce certificat');
  await trust.click();
  const rows = page.getByTestId('timeline-row');
  await expect
    .poll(() => rows.getByTestId('row-subject').allInnerTexts(), { timeout: 30_000 })
    .toEqual(['Behind a self-signed certificate']);
  expect(errors).toEqual([]);
});

it('forgets a fingerprint when the server address changes, and warns about plain IMAP', async () => {
  const { page } = await browser.newPage();
  await page.goto(app.url);
  await page.getByTestId('sidebar-add-account').click();
  const form = page.getByTestId('account-form');
  await form.getByTestId('account-name').fill('Second');
  await form.getByTestId('account-host').fill(dovecot.host);
  await form.getByTestId('account-port').fill(String(dovecot.tlsPort));
  await form.getByTestId('account-user').fill(dovecot.user);
  await form.getByTestId('account-password').fill(dovecot.password);
  await form.getByTestId('account-submit').click();
  await page.getByTestId('account-cert-fingerprint').waitFor();

  await form.getByTestId('account-host').fill('localhost');
  await expect.poll(() => page.getByTestId('account-trust-cert').count()).toBe(0);

  expect(await form.getByTestId('account-plain-warning').count()).toBe(0);
  await form.getByTestId('account-tls').selectOption('none');
  expect(await form.getByTestId('account-plain-warning').innerText()).toContain('clear text');
});
