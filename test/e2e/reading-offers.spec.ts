// What a message offers, acted on from the reading pane, in browser mode against a real
// Dovecot and SMTP server. Unsubscribing: a newsletter whose List-Unsubscribe is a mailto:
// asks first, then its request leaves from the account through the outbox; one that only
// offers a page opens it in a new window (the one-click POST is covered against a real
// HTTPS server in test/integration/unsubscribe.spec.ts). Answering an invitation: Maybe
// sends the organiser an iTIP REPLY.
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBrowser } from '../harness/browser';
import { CORPUS_INVITATION } from '../harness/corpora';
import { buildMessage, type DovecotServer } from '../harness/dovecot';
import { startMailApp, type MailApp } from '../harness/mail-app';
import type { SmtpTestServer } from '../harness/smtp';

const browser = useBrowser();
let mail: MailApp;
let smtp: SmtpTestServer;

async function deliver(dovecot: DovecotServer): Promise<void> {
  const letter = (subject: string, unsubscribe: string) =>
    dovecot.deliver(
      buildMessage({
        subject,
        from: 'News <news@news.example>',
        headers: [`List-Unsubscribe: ${unsubscribe}`],
      }),
    );
  await letter('Daily digest', '<mailto:leave@digest.example?subject=Remove%20me>');
  await letter('Promotions', '<https://127.0.0.1:9/leave?id=7>');
  await dovecot.deliver(buildMessage({ subject: 'A note from Bob' }));
  await dovecot.deliver(readFileSync(CORPUS_INVITATION.file));
}

beforeAll(async () => {
  mail = await startMailApp({ accounts: [{ name: 'Work' }], deliver });
  ({ smtp } = mail);
}, 120_000);

afterAll(() => mail?.stop());

describe('unsubscribing from the reading pane', () => {
  it('asks, then sends the request the sender asked for, or opens its page', async () => {
    const { page, context, errors } = await browser.newPage();
    await page.goto(mail.app.url);
    const open = async (subject: string) => {
      const row = page.getByTestId('timeline').getByText(subject);
      await row.waitFor({ timeout: 20_000 });
      await row.click();
      await page.getByTestId('thread').getByText(subject).first().waitFor();
    };

    await open('A note from Bob');
    expect(await page.getByTestId('unsubscribe').count()).toBe(0);

    await open('Daily digest');
    const pane = page.getByTestId('unsubscribe');
    await pane.getByTestId('unsubscribe-button').click();
    expect(await pane.innerText()).toContain(
      'Send an unsubscribe email to leave@digest.example from this account?',
    );
    await page.screenshot({ path: join(tmpdir(), 'unsubscribe.png') });
    await pane.getByTestId('unsubscribe-confirm').click();
    await expect
      .poll(() => pane.getByTestId('unsubscribe-outcome').innerText())
      .toBe('Unsubscribe email to leave@digest.example is in the outbox.');
    await expect
      .poll(() => smtp.received.filter((m) => m.to.includes('leave@digest.example')).length, {
        timeout: 30_000,
      })
      .toBe(1);
    expect(smtp.received[0]!.raw).toMatch(/^Subject: Remove me\r$/m);

    await open('Promotions');
    await pane.getByTestId('unsubscribe-button').click();
    expect(await pane.innerText()).toContain('Open the sender’s unsubscribe page on 127.0.0.1:9?');
    // The page is answered here: the popup's request never reaches the network.
    await context.route('https://127.0.0.1:9/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<p>You are unsubscribed.</p>' }),
    );
    const popup = context.waitForEvent('page');
    await pane.getByTestId('unsubscribe-confirm').click();
    expect((await popup).url()).toBe('https://127.0.0.1:9/leave?id=7');
    expect(await pane.getByTestId('unsubscribe-outcome').innerText()).toBe(
      'The unsubscribe page is open in your browser.',
    );
    expect(errors).toEqual([]);
  }, 90_000);
});

describe('answering an invitation from the reading pane', () => {
  it('sends the organiser the answer chosen, and says so', async () => {
    const { page, errors } = await browser.newPage();
    await page.goto(mail.app.url);
    const row = page.getByTestId('timeline').getByText('Invitation: Test event');
    await row.waitFor({ timeout: 20_000 });
    await row.click();
    const invite = page.getByTestId('invite');
    await invite.waitFor({ timeout: 15_000 });
    await invite.getByTestId('invite-answer-tentative').click();
    await expect
      .poll(() => invite.getByTestId('invite-answer-note').innerText())
      .toBe('Your answer (Maybe) is in the outbox, to Andris Reinman.');
    await expect
      .poll(() => smtp.received.filter((m) => m.to.includes('andris@postalsys.com')).length, {
        timeout: 30_000,
      })
      .toBe(1);
    const answer = await PostalMime.parse(
      smtp.received.find((m) => m.to.includes('andris@postalsys.com'))!.raw,
    );
    const ics = answer.attachments.find((a) => a.mimeType === 'text/calendar')!;
    expect(ics.method).toBe('REPLY');
    const content =
      typeof ics.content === 'string' ? ics.content : new TextDecoder().decode(ics.content);
    expect(content.replace(/\r\n /g, '')).toMatch(/^ATTENDEE;PARTSTAT=TENTATIVE:mailto:/m);
    await page.screenshot({ path: join(tmpdir(), 'invite-answer.png') });
    expect(errors).toEqual([]);
  }, 60_000);
});
