// Answering mail from browser mode against a real Dovecot and SMTP server: reply-all
// arrives with the right threading headers and joins the thread; undo send stops the
// message; a draft survives a restart of the core; send later waits for its time.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, startAppServer, type AppServer } from '../harness/app-server';
import { useBrowser } from '../harness/browser';
import { buildMessage, startDovecot, type DovecotServer } from '../harness/dovecot';
import { startSmtp, type SmtpTestServer } from '../harness/smtp';

const browser = useBrowser();
let dovecot: DovecotServer;
let smtp: SmtpTestServer;
let profile: string;
let app: AppServer;

const header = (raw: string, name: string) =>
  new RegExp(`^${name}: ?(.*(?:\\r\\n[ \\t].*)*)`, 'mi')
    .exec(raw)?.[1]
    ?.replace(/\r\n[ \t]+/g, ' ');

beforeAll(async () => {
  dovecot = await startDovecot();
  smtp = await startSmtp(dovecot);
  profile = mkdtempSync(join(tmpdir(), 'passerelle-compose-e2e-'));
  // The account with its SMTP server, added the way the CLI adds it, before serving.
  execFileSync(
    process.execPath,
    [
      CLI,
      '--profile',
      profile,
      'account',
      'add',
      'imap',
      '--name',
      'Work',
      '--host',
      dovecot.host,
      '--port',
      String(dovecot.port),
      '--tls',
      'none',
      '--user',
      dovecot.user,
      '--password-env',
      'PW',
      '--smtp-host',
      smtp.host,
      '--smtp-port',
      String(smtp.port),
      '--smtp-tls',
      'none',
      '--from',
      'Alice <alice@example.test>',
    ],
    { env: { ...process.env, PW: dovecot.password } },
  );
  await dovecot.deliver(
    buildMessage({
      messageId: '<plan-1@example.test>',
      from: 'Bob <bob@example.test>',
      to: 'alice@example.test, carol@example.test',
      subject: 'Quarterly plan',
    }),
  );
  app = await startAppServer({ profileDir: profile });
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
  await dovecot?.stop();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('composing mail in browser mode', () => {
  it('reply-all reaches everyone threaded; undo stops a send; a draft survives a restart', async () => {
    const { page, errors } = await browser.newPage();
    await page.goto(app.url);
    const row = page.getByTestId('timeline').getByText('Quarterly plan');
    await row.waitFor({ timeout: 20_000 });
    await row.click();
    await page.getByTestId('thread').waitFor();

    // Undo: send, then stop it inside the window; nothing reaches the server.
    await page.keyboard.press('r');
    const composer = page.getByTestId('composer');
    await composer.waitFor();
    await page.getByTestId('composer-body').press('Control+Home');
    await page.getByTestId('composer-body').pressSequentially('Never mind. ');
    await page.getByTestId('composer-send').click();
    await page.getByTestId('undo-send').click();
    await composer.waitFor();
    await expect.poll(() => page.getByTestId('composer-body').inputValue()).toMatch(/^Never mind/);
    await page.waitForTimeout(5_500);
    expect(smtp.received).toHaveLength(0);
    await page.getByTestId('composer-discard').click();

    // Reply all, by key, with formatting: multipart text + HTML, threaded, to Bob and Carol.
    await page.getByTestId('thread').click();
    await page.keyboard.press('a');
    await composer.waitFor();
    const chips = await composer.getByTestId('chip').allTextContents();
    expect(chips.join(' ')).toContain('bob@example.test');
    expect(chips.join(' ')).toContain('carol@example.test');
    await page.getByTestId('composer-body').press('Control+Home');
    await page.getByTestId('composer-body').pressSequentially('Sounds **good** to me.');
    await page.screenshot({ path: join(tmpdir(), 'compose-reply-all.png') });
    await page.getByTestId('composer-send').click();
    await page.getByTestId('undo-toast').waitFor();
    await expect.poll(() => smtp.received.length, { timeout: 15_000 }).toBe(1);
    const sent = smtp.received[0]!;
    expect(sent.to.sort()).toEqual(['bob@example.test', 'carol@example.test']);
    expect(header(sent.raw, 'In-Reply-To')).toBe('<plan-1@example.test>');
    expect(header(sent.raw, 'References')).toContain('<plan-1@example.test>');
    expect(sent.raw).toContain('Content-Type: text/html');
    expect(sent.raw).toMatch(/<strong>good<\/strong>/);
    expect(sent.raw).toMatch(/On .*, "?Bob"? <bob@example.test> wrote:/);
    // The delivered reply joins the thread in Passerelle.
    await expect
      .poll(() => page.getByTestId('thread').textContent(), { timeout: 20_000 })
      .toContain('2 messages');

    // A new message typed but not sent survives a restart of the core.
    await page.keyboard.press('Control+n');
    await composer.waitFor();
    await page.getByTestId('composer-subject').fill('Draft that must survive');
    await page.getByTestId('composer-body').fill('Half-written thought');
    await page.waitForTimeout(1_500);
    await page.close();
    await app.stop();
    app = await startAppServer({ profileDir: profile });
    const second = await browser.newPage();
    await second.page.goto(app.url);
    await second.page.getByTestId('resume-draft').click({ timeout: 15_000 });
    expect(await second.page.getByTestId('composer-subject').inputValue()).toBe(
      'Draft that must survive',
    );
    expect(await second.page.getByTestId('composer-body').inputValue()).toBe(
      'Half-written thought',
    );
    await second.page.screenshot({ path: join(tmpdir(), 'compose-draft-restored.png') });
    expect(errors).toEqual([]);
  }, 60_000);
});
