// Steps several end-to-end specs share, written as the user performs them.
import type { Page } from 'playwright-core';
import type { DovecotServer } from '../harness/dovecot';

/** From the first-run welcome, adds the Dovecot account through the form. */
export async function addDovecotAccount(
  page: Page,
  dovecot: DovecotServer,
  name = 'Dovecot',
): Promise<void> {
  await page.getByTestId('empty-state').waitFor();
  await page.getByTestId('add-mail-account').click();
  const form = page.getByTestId('account-form');
  await form.getByTestId('account-name').fill(name);
  await form.getByTestId('account-host').fill(dovecot.host);
  await form.getByTestId('account-tls').selectOption('none');
  await form.getByTestId('account-port').fill(String(dovecot.port));
  await form.getByTestId('account-user').fill(dovecot.user);
  await form.getByTestId('account-password').fill(dovecot.password);
  await form.getByTestId('account-submit').click();
  await page.getByTestId('timeline').waitFor();
}
