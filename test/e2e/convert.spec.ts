// Posting an email thread to WordPress from browser mode, against a real Dovecot and a
// real WordPress: Shift+C opens the picker with the post previewed, the edited title is
// the one WordPress stores, the row then reads "Posted to Finance ↗" and the post made
// from it "From an email thread"; c on another thread posts to the remembered space.
// "Post mail from Work here by default" makes a space the account's default: it wins over
// the last space used for mail from someone never converted before.
// The ? overlay and the palette list the convert and compose keys of the one key table.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLI,
  startAppServer,
  type AppServer,
  imapAccountArgs,
  wordpressAccountArgs,
} from '../harness/app-server';
import { useBrowser } from '../harness/browser';
import { buildMessage, startDovecot, type DovecotServer } from '../harness/dovecot';
import { startWordPress, type WordPressServer } from '../harness/wordpress';

const run = promisify(execFile);
const browser = useBrowser();
let dovecot: DovecotServer;
let wp: WordPressServer;
let profile: string;
let app: AppServer;
let categoryId: number;
let marketingId: number;

interface StoredPost {
  id: number;
  link: string;
  title: { raw: string };
  content: { raw: string };
}
const posts = (category = categoryId) =>
  wp.rest<StoredPost[]>('GET', `/wp/v2/posts?categories=${category}&context=edit`);

async function cli(...args: string[]): Promise<void> {
  await run(process.execPath, [CLI, '--profile', profile, ...args], {
    env: { ...process.env, MAIL_PW: dovecot.password, WP_PW: wp.appPassword },
    timeout: 60_000,
  });
}
/** The raw content of the post's comments on WordPress, oldest first. */
const comments = async (postId: number): Promise<string[]> =>
  (
    await wp.rest<{ content: { raw: string } }[]>(
      'GET',
      `/wp/v2/comments?post=${postId}&context=edit&order=asc&status=all`,
    )
  ).map((c) => c.content.raw);

beforeAll(async () => {
  [dovecot, wp] = await Promise.all([startDovecot(), startWordPress()]);
  categoryId = await wp.createCategory('Finance');
  marketingId = await wp.createCategory('Marketing');
  const hour = 3_600_000;
  const base = Date.now() - 5 * hour;
  await dovecot.deliver(
    buildMessage({
      messageId: '<budget-1@example.test>',
      from: 'Bob Martin <bob@example.test>',
      subject: 'Budget 2026',
      date: new Date(base),
      text: 'Here is the budget for 2026.\n\n-- \nBob Martin\nFinance team',
    }),
  );
  await dovecot.deliver(
    buildMessage({
      messageId: '<budget-2@example.test>',
      from: 'Carol <carol@example.test>',
      subject: 'Re: Budget 2026',
      date: new Date(base + hour),
      inReplyTo: '<budget-1@example.test>',
      references: ['<budget-1@example.test>'],
      text: 'Approved from my side.\n\nOn Mon, Bob Martin <bob@example.test> wrote:\n> Here is the budget for 2026.',
    }),
  );
  await dovecot.deliver(
    buildMessage({
      messageId: '<offsite-1@example.test>',
      from: 'Dan <dan@example.test>',
      subject: 'Offsite venue',
      date: new Date(base + 2 * hour),
      text: 'The offsite will be at the lake house.',
    }),
  );
  profile = mkdtempSync(join(tmpdir(), 'passerelle-convert-e2e-'));
  await cli(...imapAccountArgs('Work', dovecot, 'MAIL_PW'));
  await cli(...wordpressAccountArgs('Intranet', wp, 'WP_PW'));
  await cli('follow', 'Intranet:Finance');
  await cli('follow', 'Intranet:Marketing');
  app = await startAppServer({ profileDir: profile });
}, 90_000);

afterAll(async () => {
  await app?.stop();
  await Promise.all([dovecot?.stop(), wp?.stop()]);
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('posting a thread to WordPress in browser mode', () => {
  it('Shift+C previews and posts with an edited title; c posts to the remembered space', async () => {
    const { page, errors } = await browser.newPage();
    await page.goto(app.url);
    const row = (subject: string) =>
      page.getByTestId('timeline-row').filter({
        has: page.getByTestId('row-subject').getByText(subject, { exact: true }),
      });
    await row('Budget 2026').waitFor({ timeout: 30_000 });

    // The one key table: convert and compose keys in the ? overlay and the palette.
    await page.keyboard.press('?');
    const help = await page.getByTestId('help-overlay').innerText();
    for (const text of ['Post to…', 'Reply all', 'Ctrl/⌘+N', 'Ctrl/⌘+⇧N', 'New post'])
      expect(help).toContain(text);
    await page.screenshot({ path: join(tmpdir(), 'convert-help.png') });
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Command' }).fill('reply all');
    expect(await page.getByTestId('command-palette').getByRole('option').allInnerTexts()).toEqual([
      'Reply all\na',
    ]);
    await page.keyboard.press('Escape');

    // Shift+C: the picker, with the post as it will look; choose the space, edit the title.
    await row('Budget 2026').click();
    await page.getByTestId('thread').waitFor();
    await page.keyboard.press('Shift+C');
    const dialog = page.getByTestId('convert-dialog');
    await dialog.waitFor();
    await expect
      .poll(() => dialog.getByTestId('convert-space').locator('option').allInnerTexts())
      .toContain('Finance');
    await dialog.getByTestId('convert-space').selectOption({ label: 'Finance' });
    const body = dialog.getByTestId('convert-body');
    await expect
      .poll(() => body.inputValue(), { timeout: 10_000 })
      .toContain('Approved from my side');
    expect(await body.inputValue()).not.toContain('> Here is the budget');
    expect(await dialog.getByTestId('convert-title').inputValue()).toBe('Budget 2026');
    await dialog.getByTestId('convert-title').fill('Budget 2026: approved');
    await page.screenshot({ path: join(tmpdir(), 'convert-dialog.png') });
    await dialog.getByTestId('convert-post').click();
    await expect.poll(() => dialog.count()).toBe(0);

    // WordPress has the post with the edited title; the row links to it.
    await expect
      .poll(async () => (await posts()).map((p) => p.title.raw), { timeout: 30_000 })
      .toEqual(['Budget 2026: approved']);
    const [stored] = await posts();
    expect(stored!.content.raw).toContain('Approved from my side.');
    const postedTo = row('Budget 2026').getByTestId('row-posted-to');
    await expect.poll(() => postedTo.innerText(), { timeout: 20_000 }).toBe('Posted to Finance ↗');
    expect(await postedTo.getAttribute('href')).toBe(stored!.link);
    await expect.poll(() => page.getByTestId('posted-to').innerText()).toBe('Posted to Finance ↗');
    // The post it became is in the timeline too, marked as made from an email thread.
    const fromThread = row('Budget 2026: approved').getByTestId('row-from-thread');
    await expect
      .poll(() => fromThread.innerText(), { timeout: 20_000 })
      .toBe('From an email thread');
    await page.screenshot({ path: join(tmpdir(), 'convert-posted.png') });

    // c on another thread: no picker, the remembered space, after the undo window.
    await row('Offsite venue').click();
    await expect.poll(() => page.getByTestId('thread-subject').innerText()).toBe('Offsite venue');
    await page.keyboard.press('c');
    await expect
      .poll(() => page.getByTestId('convert-toast').innerText())
      .toContain('Posting to Finance…');
    expect(await page.getByTestId('convert-dialog').count()).toBe(0);
    await expect
      .poll(async () => (await posts()).map((p) => p.title.raw).sort(), { timeout: 30_000 })
      .toEqual(['Budget 2026: approved', 'Offsite venue']);
    await expect
      .poll(() => row('Offsite venue').getByTestId('row-posted-to').innerText(), {
        timeout: 20_000,
      })
      .toBe('Posted to Finance ↗');
    expect(errors).toEqual([]);
  }, 60_000);

  it('the picker archives the thread when asked, and offers a later email to add to the post', async () => {
    const { page, errors } = await browser.newPage();
    await page.goto(app.url);
    const uid = await dovecot.deliver(
      buildMessage({
        messageId: '<hiring-1@example.test>',
        from: 'Eve <eve@example.test>',
        subject: 'Hiring plan',
        text: 'Two engineers in the first quarter.',
      }),
    );
    // The mail thread's row (the post it becomes has the same title).
    const row = page
      .getByTestId('timeline-row')
      .filter({ has: page.getByTestId('row-icon-mail') })
      .filter({ has: page.getByTestId('row-subject').getByText('Hiring plan', { exact: true }) });
    await row.click({ timeout: 30_000 });
    await page.getByTestId('thread').waitFor();
    await page.keyboard.press('Shift+C');
    const dialog = page.getByTestId('convert-dialog');
    await expect
      .poll(() => dialog.getByTestId('convert-space').locator('option').allInnerTexts())
      .toContain('Finance');
    await dialog.getByTestId('convert-space').selectOption({ label: 'Finance' });
    // Finance becomes the Work account's default space.
    const makeDefault = dialog.getByTestId('convert-make-default');
    expect(await makeDefault.locator('xpath=..').innerText()).toContain(
      'Post mail from Work here by default',
    );
    await makeDefault.check();
    // After posting: archive this thread; later emails are offered, not added by themselves.
    await dialog.getByTestId('convert-archive').check();
    await dialog.getByTestId('convert-follow').selectOption('offered');
    await dialog.getByTestId('convert-post').click();
    await expect
      .poll(async () => (await posts()).map((p) => p.title.raw), { timeout: 30_000 })
      .toContain('Hiring plan');
    // Archived on the server: gone from the INBOX once posted.
    await expect.poll(() => dovecot.fetchFlags(uid!), { timeout: 30_000 }).toBeNull();

    // A reply reaches the thread: the reading pane offers it, and adding it comments the post.
    await dovecot.deliver(
      buildMessage({
        messageId: '<hiring-2@example.test>',
        from: 'Frank <frank@example.test>',
        subject: 'Re: Hiring plan',
        inReplyTo: '<hiring-1@example.test>',
        references: ['<hiring-1@example.test>'],
        text: 'And one designer, please.',
      }),
    );
    // The thread, back in the inbox with its new message, opened again.
    await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(1);
    await row.click();
    await page.screenshot({ path: join(tmpdir(), 'convert-waiting.png') });
    const waiting = page.getByTestId('convert-waiting');
    await expect
      .poll(() => waiting.innerText().catch(() => ''), { timeout: 30_000 })
      .toContain('1 new message is not in the post.');
    const post = (await posts()).find((p) => p.title.raw === 'Hiring plan')!;
    expect(await comments(post.id)).toEqual([]);
    await waiting.getByTestId('convert-add-waiting').click();
    await expect
      .poll(async () => (await comments(post.id)).join('\n'), { timeout: 30_000 })
      .toContain('And one designer, please.');
    await expect.poll(() => waiting.count()).toBe(0);

    // Mail from someone never converted before goes to the account's default, even when
    // the last space used is another one: first a post to Marketing through the picker...
    const mailRow = (subject: string) =>
      page
        .getByTestId('timeline-row')
        .filter({ has: page.getByTestId('row-icon-mail') })
        .filter({ has: page.getByTestId('row-subject').getByText(subject, { exact: true }) });
    await dovecot.deliver(
      buildMessage({
        messageId: '<launch-1@example.test>',
        from: 'Grace <grace@example.test>',
        subject: 'Launch campaign',
        text: 'The campaign starts in May.',
      }),
    );
    await mailRow('Launch campaign').click({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('thread-subject').innerText()).toBe('Launch campaign');
    await page.keyboard.press('Shift+C');
    await expect
      .poll(() => dialog.getByTestId('convert-space').locator('option').allInnerTexts())
      .toContain('Marketing');
    await dialog.getByTestId('convert-space').selectOption({ label: 'Marketing' });
    await dialog.getByTestId('convert-post').click();
    await expect
      .poll(async () => (await posts(marketingId)).map((p) => p.title.raw), { timeout: 30_000 })
      .toEqual(['Launch campaign']);
    // ...then c on a thread from a new sender: no picker, Finance (the default), not Marketing.
    await dovecot.deliver(
      buildMessage({
        messageId: '<close-1@example.test>',
        from: 'Henry <henry@example.test>',
        subject: 'Quarterly close',
        text: 'The books close on Friday.',
      }),
    );
    await mailRow('Quarterly close').click({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('thread-subject').innerText()).toBe('Quarterly close');
    await page.keyboard.press('c');
    await expect
      .poll(() => page.getByTestId('convert-toast').innerText())
      .toContain('Posting to Finance…');
    expect(await dialog.count()).toBe(0);
    await expect
      .poll(async () => (await posts()).map((p) => p.title.raw), { timeout: 30_000 })
      .toContain('Quarterly close');
    expect((await posts(marketingId)).map((p) => p.title.raw)).toEqual(['Launch campaign']);
    expect(errors).toEqual([]);
  }, 180_000);
});
