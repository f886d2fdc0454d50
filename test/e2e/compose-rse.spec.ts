// Answering RSE activity from browser mode, against a real WordPress, a real Dovecot and
// a real SMTP server: a comment typed in Passerelle is on the WordPress post; a post
// forwarded by email reaches someone outside the network with its title and link; and a
// message sent later leaves at its time, not before.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLI,
  imapAccountArgs,
  smtpAccountArgs,
  startAppServer,
  type AppServer,
  wordpressAccountArgs,
} from '../harness/app-server';
import { localInputValue, useBrowser, type TestPage } from '../harness/browser';
import { startDovecot, type DovecotServer } from '../harness/dovecot';
import { startSmtp, type SmtpTestServer } from '../harness/smtp';
import { startWordPress, type WordPressServer, type WpPost } from '../harness/wordpress';

const run = promisify(execFile);
const browser = useBrowser();
let dovecot: DovecotServer;
let smtp: SmtpTestServer;
let wp: WordPressServer;
let profile: string;
let app: AppServer;
let post: WpPost;

async function cli(...args: string[]): Promise<void> {
  await run(process.execPath, [CLI, '--profile', profile, ...args], {
    env: { ...process.env, MAIL_PW: dovecot.password, WP_PW: wp.appPassword },
    timeout: 60_000,
  });
}

/** A page on the app with a 1 s undo window (the default 5 s only slows the test). */
async function openApp(): Promise<TestPage> {
  const opened = await browser.newPage();
  // The app's own document only: the sandboxed frames that show bodies have no storage.
  await opened.context.addInitScript(
    "if (window === window.top) localStorage.setItem('passerelle.undoSendMs', '1000');",
  );
  await opened.page.goto(app.url);
  return opened;
}

beforeAll(async () => {
  [dovecot, wp] = await Promise.all([startDovecot(), startWordPress()]);
  smtp = await startSmtp(dovecot);
  const finance = await wp.createCategory('Finance');
  post = await wp.createPost({
    title: 'Coffee machine is fixed',
    content: '<p>The coffee machine on the 2nd floor works again.</p>',
    categories: [finance],
  });
  profile = mkdtempSync(join(tmpdir(), 'passerelle-compose-rse-e2e-'));
  await cli(...imapAccountArgs('Work', dovecot, 'MAIL_PW'), ...smtpAccountArgs(smtp));
  await cli(...wordpressAccountArgs('Intranet', wp, 'WP_PW'));
  await cli('follow', 'Intranet:Finance');
  app = await startAppServer({ profileDir: profile });
}, 90_000);

afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
  await Promise.all([dovecot?.stop(), wp?.stop()]);
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('answering RSE activity in browser mode', () => {
  it('comments on a WordPress post, and forwards it by email with its link', async () => {
    const { page, errors } = await openApp();
    const row = page
      .getByTestId('timeline-row')
      .filter({ hasText: 'Coffee machine is fixed' })
      .first();
    await row.waitFor({ timeout: 30_000 });
    await row.click();
    await page.getByTestId('rse-post').waitFor();

    // r on a post comments on it; the comment is on WordPress.
    await page.keyboard.press('r');
    const composer = page.getByTestId('composer');
    await expect.poll(() => composer.getAttribute('data-mode')).toBe('rse-comment');
    // Bold from the same editor as mail; WordPress gets the HTML.
    const body = page.getByTestId('composer-body');
    await body.pressSequentially('Great news, ');
    await body.press('Control+b');
    await body.pressSequentially('thanks');
    await body.press('Control+b');
    await body.pressSequentially('!');
    await page.getByTestId('composer-send').click();
    await expect.poll(() => composer.count()).toBe(0);
    const comments = () =>
      wp.rest<{ content: { raw: string } }[]>(
        'GET',
        `/wp/v2/comments?post=${post.id}&context=edit`,
      );
    await expect
      .poll(async () => (await comments()).map((c) => c.content.raw), { timeout: 15_000 })
      .toEqual([expect.stringMatching(/Great news, <strong>thanks<\/strong>!/)]);

    // Forward by email, with a note, to someone who is not on the intranet.
    await page.getByTestId('action-forward-post').click();
    await expect.poll(() => composer.getAttribute('data-mode')).toBe('mail');
    expect(await page.getByTestId('composer-subject').inputValue()).toBe(
      'Fwd: Coffee machine is fixed',
    );
    await page.getByTestId('composer-to-input').fill('dave@example.test');
    await page.getByTestId('composer-to-input').press('Enter');
    await page.getByTestId('composer-body').press('Control+Home');
    await page.getByTestId('composer-body').pressSequentially('FYI, Dave. ');
    await page.screenshot({ path: join(tmpdir(), 'compose-rse-forward.png') });
    await page.getByTestId('composer-send').click();
    await expect.poll(() => smtp.received.length, { timeout: 15_000 }).toBe(1);
    const sent = smtp.received[0]!;
    expect(sent.to).toEqual(['dave@example.test']);
    const parsed = await PostalMime.parse(sent.raw);
    expect(parsed.subject).toBe('Fwd: Coffee machine is fixed');
    expect(parsed.text).toMatch(/^FYI, Dave\./);
    expect(parsed.text).toContain(`Link: ${post.link}`);
    expect(parsed.text).toContain('The coffee machine on the 2nd floor works again.');
    expect(parsed.html).toContain(`href="${post.link.replace(/&/g, '&amp;')}"`);
    expect(errors).toEqual([]);
  }, 60_000);

  it('sends a message later at its time, not before', async () => {
    const { page, errors } = await openApp();
    await page.getByTestId('timeline').waitFor({ timeout: 20_000 });
    const before = smtp.received.length;
    await page.keyboard.press('Control+n');
    await page.getByTestId('composer').waitFor();
    await page.getByTestId('composer-to-input').fill('bob@example.test');
    await page.getByTestId('composer-to-input').press('Enter');
    await page.getByTestId('composer-subject').fill('Sent later');
    await page.getByTestId('composer-body').fill('This one waited for its time.');
    const at = new Date(Math.ceil((Date.now() + 8_000) / 1_000) * 1_000);
    await page.getByTestId('composer-later-at').fill(localInputValue(at));
    await page.getByTestId('composer-send-later').click();
    // The composer closes once the core has scheduled it (a draft save and a task); the
    // save waits for the app's account list when Ctrl+N came before it, which on a loaded
    // machine can take seconds. An error would keep the composer open.
    await expect.poll(() => page.getByTestId('composer').count(), { timeout: 15_000 }).toBe(0);
    expect(await page.getByTestId('composer-error').count()).toBe(0);
    // No undo window for a scheduled message: it leaves at its time, not before (the SMTP
    // server's clock says when, however late this test looks).
    await expect.poll(() => smtp.received.length, { timeout: 25_000 }).toBe(before + 1);
    const arrived = smtp.received.at(-1)!.receivedAt;
    expect(arrived).toBeGreaterThanOrEqual(at.getTime());
    expect(arrived - at.getTime()).toBeLessThan(10_000);
    const parsed = await PostalMime.parse(smtp.received.at(-1)!.raw);
    expect(parsed.subject).toBe('Sent later');
    expect(smtp.received.at(-1)!.to).toEqual(['bob@example.test']);
    expect(errors).toEqual([]);
  }, 60_000);
});
