// Answering mail from browser mode against a real Dovecot and SMTP server: reply-all
// arrives with the right threading headers and joins the thread; undo send stops the
// message; a draft survives a restart of the core; send later waits for its time; rich
// text typed in the editor (bold, a list, a link) arrives as text/plain + sanitised HTML.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBrowser } from '../harness/browser';
import { buildMessage, type DovecotServer } from '../harness/dovecot';
import { startMailApp, type MailApp } from '../harness/mail-app';
import type { SmtpTestServer } from '../harness/smtp';

const browser = useBrowser();
let mail: MailApp;
let dovecot: DovecotServer;
let smtp: SmtpTestServer;

const header = (raw: string, name: string) =>
  new RegExp(`^${name}: ?(.*(?:\\r\\n[ \\t].*)*)`, 'mi')
    .exec(raw)?.[1]
    ?.replace(/\r\n[ \t]+/g, ' ');

beforeAll(async () => {
  mail = await startMailApp({
    accounts: [{ name: 'Work' }],
    deliver: (server) =>
      server.deliver(
        buildMessage({
          messageId: '<plan-1@example.test>',
          from: 'Bob <bob@example.test>',
          to: 'alice@example.test, carol@example.test',
          subject: 'Quarterly plan',
        }),
      ),
  });
  ({ dovecot, smtp } = mail);
}, 120_000);

afterAll(() => mail?.stop());

describe('composing mail in browser mode', () => {
  it('reply-all reaches everyone threaded; undo stops a send; a draft survives a restart', async () => {
    const { page, errors } = await browser.newPage();
    await page.goto(mail.app.url);
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
    await expect.poll(() => page.getByTestId('composer-body').textContent()).toMatch(/^Never mind/);
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
    await mail.restart();
    const second = await browser.newPage();
    await second.page.goto(mail.app.url);
    await second.page.getByTestId('resume-draft').click({ timeout: 15_000 });
    expect(await second.page.getByTestId('composer-subject').inputValue()).toBe(
      'Draft that must survive',
    );
    expect(await second.page.getByTestId('composer-body').textContent()).toBe(
      'Half-written thought',
    );
    await second.page.screenshot({ path: join(tmpdir(), 'compose-draft-restored.png') });
    await second.page.getByTestId('composer-discard').click();
    expect(errors).toEqual([]);
    expect(second.errors).toEqual([]);
  }, 60_000);

  it('switches to plain text and back, and sends plain text without an HTML part', async () => {
    const before = smtp.received.length;
    const { page, errors } = await browser.newPage();
    await page.goto(mail.app.url);
    await page.getByTestId('timeline').waitFor({ timeout: 20_000 });
    await page.keyboard.press('Control+n');
    await page.getByTestId('composer-to-input').fill('bob@example.test');
    await page.getByTestId('composer-to-input').press('Enter');
    await page.getByTestId('composer-subject').fill('Plain please');
    const body = page.getByTestId('composer-body');
    await body.click();
    await body.pressSequentially('Keep it ');
    await body.press('Control+b');
    await body.pressSequentially('simple');
    const plainToggle = page.getByTestId('format-plain');
    await plainToggle.click();
    expect(await plainToggle.getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId('format-bold').isDisabled()).toBe(true);
    expect(await body.inputValue()).toBe('Keep it simple');
    // Back to rich text and again to plain: the words survive both ways.
    await plainToggle.click();
    await expect.poll(() => body.textContent()).toBe('Keep it simple');
    await plainToggle.click();
    await body.press('End');
    await body.pressSequentially(', *no* markup.');
    await page.getByTestId('composer-send').click();
    // The send waits out the undo window and its draft's upload to Drafts: usually ≈ 5 s,
    // more on a loaded machine (and the save waits for the account list if Ctrl+N beat it).
    await expect.poll(() => smtp.received.length, { timeout: 30_000 }).toBe(before + 1);
    const parsed = await PostalMime.parse(smtp.received.at(-1)!.raw);
    expect(parsed.subject).toBe('Plain please');
    expect(parsed.text?.trim()).toBe('Keep it simple, *no* markup.');
    expect(parsed.html).toBeUndefined();
    expect(smtp.received.at(-1)!.raw).not.toMatch(/text\/html/i);
    expect(errors).toEqual([]);
  }, 60_000);

  it('sends rich text typed in the editor as text/plain + sanitised text/html', async () => {
    await dovecot.deliver(
      buildMessage({
        messageId: '<review-1@example.test>',
        from: 'Bob <bob@example.test>',
        to: 'alice@example.test',
        subject: 'Design review',
        text: 'Can you send the notes?',
      }),
    );
    const before = smtp.received.length;
    const { page, errors } = await browser.newPage();
    await page.goto(mail.app.url);
    const row = page.getByTestId('timeline').getByText('Design review');
    await row.waitFor({ timeout: 20_000 });
    await row.click();
    await page.getByTestId('thread').waitFor();
    await page.keyboard.press('r');
    const body = page.getByTestId('composer-body');
    await body.waitFor();
    await body.press('Control+Home');

    // Bold by shortcut; the toolbar button says so (aria-pressed) while it applies.
    await body.pressSequentially('Notes from ');
    await body.press('Control+b');
    await expect
      .poll(() => page.getByTestId('format-bold').getAttribute('aria-pressed'))
      .toBe('true');
    await body.pressSequentially('the review');
    await body.press('Control+b');
    await body.pressSequentially(':');
    await body.press('Enter');
    // A bulleted list from the toolbar, left with a second Enter on an empty item.
    await page.getByTestId('format-bulletList').click();
    await body.pressSequentially('colours agreed');
    await body.press('Enter');
    await body.pressSequentially('icons to redo');
    await body.press('Enter');
    await body.press('Enter');
    // A link on the selected words, through the toolbar's link field.
    await body.pressSequentially('Full minutes');
    for (let i = 0; i < 'minutes'.length; i += 1) await body.press('Shift+ArrowLeft');
    await page.getByTestId('format-link').click();
    await page.getByTestId('composer-link-url').fill('https://wiki.example.test/review?id=7');
    await page.getByTestId('composer-link-url').press('Enter');
    await expect
      .poll(() => page.getByTestId('format-link').getAttribute('aria-pressed'))
      .toBe('true');
    await page.screenshot({ path: join(tmpdir(), 'compose-rich-reply.png') });
    await page.getByTestId('composer-send').click();
    await expect.poll(() => smtp.received.length, { timeout: 15_000 }).toBe(before + 1);

    // The copy that arrived in the mailbox, as any mail client will read it.
    const client = await dovecot.client();
    let source = '';
    try {
      const lock = await client.getMailboxLock('INBOX');
      try {
        await expect
          .poll(
            async () =>
              (await client.search({ subject: 'Re: Design review' }, { uid: true })) || [],
            {
              timeout: 10_000,
            },
          )
          .toHaveLength(1);
        const [uid] = (await client.search({ subject: 'Re: Design review' }, { uid: true })) || [];
        const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
        source = message ? message.source!.toString('utf8') : '';
      } finally {
        lock.release();
      }
    } finally {
      await client.logout();
    }
    expect(source).toMatch(/Content-Type: multipart\/alternative/i);
    const parsed = await PostalMime.parse(source);
    const html = parsed.html ?? '';
    expect(html).toContain('<strong>the review</strong>');
    expect(html).toMatch(
      /<ul><li><p>colours agreed<\/p><\/li><li><p>icons to redo<\/p><\/li><\/ul>/,
    );
    expect(html).toContain('<a href="https://wiki.example.test/review?id=7">minutes</a>');
    expect(html).toMatch(/wrote:<\/p><blockquote><p>Can you send the notes\?/);
    // Sanitised: nothing of the editor's own markup (classes, editing state) goes out.
    expect(html).not.toMatch(/contenteditable|class=|target=|style=|<script/i);
    const text = parsed.text ?? '';
    expect(text).toMatch(/^Notes from the review:\n\n- colours agreed\n- icons to redo\n/);
    expect(text).toContain('Full minutes (https://wiki.example.test/review?id=7)');
    expect(text).toMatch(/wrote:\n\n> Can you send the notes\?/);
    expect(errors).toEqual([]);
  }, 60_000);
});
