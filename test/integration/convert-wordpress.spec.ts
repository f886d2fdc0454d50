// Thread → post against a real Dovecot and a real WordPress: the post WordPress stores
// (title, new text only, uploaded image and file, footer), the record the timeline and
// the CLI show, a retry after a failure mid-way that posts exactly once, and a thread too
// large for the destination refused before any network call.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../electron/core/core-types';
import { RseError } from '../../electron/core/rse/errors';
import { WordPressConnector } from '../../electron/core/rse/wordpress/connector';
import type { ConversionInfo } from '../../shared/requests/convert';
import { CLI } from '../harness/app-server';
import { startDovecot, type DovecotServer } from '../harness/dovecot';
import { startWordPress, type WordPressServer } from '../harness/wordpress';
import { dovecotAccount, openTestCore } from '../harness/test-core';

const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

function mime(headers: Record<string, string>, body: string): string {
  const head = Object.entries(headers).map(([k, v]) => `${k}: ${v}`);
  return [...head, 'MIME-Version: 1.0', body].join('\r\n').replace(/(?<!\r)\n/g, '\r\n');
}

const first = mime(
  {
    From: 'Bob Martin <bob@example.test>',
    To: 'Alice <alice@example.test>',
    Subject: 'Budget 2026',
    Date: 'Mon, 02 Mar 2026 09:00:00 +0000',
    'Message-ID': '<budget-1@example.test>',
    'Content-Type': 'multipart/related; boundary="rel"',
  },
  `
--rel
Content-Type: text/html; charset=utf-8

<p>Here is the chart for the budget.</p><p><img src="cid:chart@example.test" alt="chart"></p>
--rel
Content-Type: image/png; name="chart.png"
Content-Transfer-Encoding: base64
Content-ID: <chart@example.test>
Content-Disposition: inline; filename="chart.png"

${PNG}
--rel--
`,
);

const second = mime(
  {
    From: 'Alice <alice@example.test>',
    To: 'Bob Martin <bob@example.test>',
    Subject: 'Re: Budget 2026',
    Date: 'Mon, 02 Mar 2026 10:00:00 +0000',
    'Message-ID': '<budget-2@example.test>',
    'In-Reply-To': '<budget-1@example.test>',
    References: '<budget-1@example.test>',
    'Content-Type': 'text/plain; charset=utf-8',
  },
  `
Looks good, approved from my side.

On Mon, 2 Mar 2026 at 09:00, Bob Martin <bob@example.test> wrote:
> Here is the chart for the budget.
`,
);

const third = mime(
  {
    From: 'Carol <carol@example.test>',
    To: 'Alice <alice@example.test>',
    Subject: 'Re: Budget 2026',
    Date: 'Mon, 02 Mar 2026 11:00:00 +0000',
    'Message-ID': '<budget-3@example.test>',
    'In-Reply-To': '<budget-2@example.test>',
    References: '<budget-1@example.test> <budget-2@example.test>',
    'Content-Type': 'multipart/mixed; boundary="mix"',
  },
  `
--mix
Content-Type: text/plain; charset=utf-8

My notes are attached.
--mix
Content-Type: text/plain; name="notes.txt"
Content-Disposition: attachment; filename="notes.txt"

Line one of the notes.
--mix--
`,
);

const huge = mime(
  {
    From: 'Dan <dan@example.test>',
    To: 'Alice <alice@example.test>',
    Subject: 'Scans',
    Date: 'Mon, 02 Mar 2026 12:00:00 +0000',
    'Message-ID': '<scans@example.test>',
    'Content-Type': 'multipart/mixed; boundary="mix"',
  },
  `
--mix
Content-Type: text/plain; charset=utf-8

The scans.
--mix
Content-Type: application/pdf; name="scan.pdf"
Content-Transfer-Encoding: base64
Content-Disposition: attachment; filename="scan.pdf"

${Buffer.alloc(3 * 1024 * 1024, 7)
  .toString('base64')
  .replace(/.{76}/g, '$&\n')}
--mix--
`,
);

let dovecot: DovecotServer;
let wp: WordPressServer;
let profile: string;
let core: Core;
let mailId: string;
let rseId: string;
let categoryId: number;

async function threadIdOf(messageId: string): Promise<string> {
  const threads = await core.handlers['threads.list']({});
  return threads.find((t) => t.messages.some((m) => m.messageId === messageId))!.id;
}

async function settled(c: ConversionInfo): Promise<ConversionInfo> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const task = (await core.handlers['tasks.list']({})).find((t) => t.id === c.taskId);
    const now = (await core.handlers['convert.get']({ conversionId: c.id }))!;
    if (!task || !['pending', 'running'].includes(task.state) || Date.now() > deadline) return now;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const posts = () =>
  wp.rest<{ id: number; title: { raw: string }; content: { raw: string } }[]>(
    'GET',
    `/wp/v2/posts?categories=${categoryId}&context=edit`,
  );
const media = () => wp.rest<{ source_url: string }[]>('GET', '/wp/v2/media?context=edit');

beforeAll(async () => {
  [dovecot, wp] = await Promise.all([startDovecot(), startWordPress()]);
  categoryId = await wp.createCategory('Finance');
  for (const raw of [first, second, third, huge]) await dovecot.deliver(raw);
  profile = mkdtempSync(join(tmpdir(), 'passerelle-convert-'));
  core = await openTestCore(profile);
  const mail = await core.handlers['accounts.addImap'](dovecotAccount(dovecot));
  mailId = mail.id;
  await core.handlers['sync.now']({ accountId: mailId });
  const rse = await core.handlers['accounts.addRse']({
    kind: 'wordpress',
    name: 'Intranet',
    url: wp.url,
    user: 'admin',
    secret: wp.appPassword,
  });
  rseId = rse.id;
  await core.handlers['rse.follow']({ accountId: rseId, spaceId: 'Finance' });
}, 180_000);

afterEach(() => vi.restoreAllMocks());

afterAll(async () => {
  await core?.dispose();
  await Promise.all([dovecot?.stop(), wp?.stop()]);
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('converting a thread to WordPress', () => {
  it('refuses a thread too large for the destination before any network call', async () => {
    const upload = vi.spyOn(WordPressConnector.prototype, 'uploadFile');
    const threadId = await threadIdOf('<scans@example.test>');
    const destination = { accountId: rseId, spaceId: 'Finance' };
    const { preview } = (await core.handlers['convert.thread']({
      threadId,
      destination,
      preview: true,
      delayMs: 0,
    })) as { preview: { problems: { message: string }[] } };
    expect(preview.problems[0]!.message).toMatch(
      /"scan\.pdf".*MB.*WordPress accepts files up to 2 MB/,
    );
    await expect(
      core.handlers['convert.thread']({ threadId, destination, preview: false, delayMs: 0 }),
    ).rejects.toThrow(/scan\.pdf/);
    expect(upload).not.toHaveBeenCalled();
    expect(await core.handlers['convert.list']({})).toEqual([]);
    expect(await posts()).toEqual([]);
  });

  it('posts the thread once, even when an upload and the post creation fail mid-way', async () => {
    const real = WordPressConnector.prototype.uploadFile;
    let uploads = 0;
    // The second upload fails as a dropped connection would; the retry must not upload
    // the first file again nor post twice.
    vi.spyOn(WordPressConnector.prototype, 'uploadFile').mockImplementation(async function (
      this: WordPressConnector,
      file,
    ) {
      if (++uploads === 2) throw new RseError('offline', 'Connection reset (simulated).');
      return real.call(this, file);
    });
    // The post is created but the answer is lost: the retry must find it, not post again.
    const createPost = WordPressConnector.prototype.createPost;
    let creates = 0;
    vi.spyOn(WordPressConnector.prototype, 'createPost').mockImplementation(async function (
      this: WordPressConnector,
      post,
    ) {
      const created = await createPost.call(this, post);
      if (++creates === 1) throw new RseError('offline', 'Response lost (simulated).');
      return created;
    });

    const threadId = await threadIdOf('<budget-1@example.test>');
    const result = await core.handlers['convert.thread']({
      threadId,
      destination: { accountId: rseId, spaceId: 'Finance' },
      preview: false,
      delayMs: 0,
    });
    if (!('conversion' in result)) throw new Error('expected a conversion');
    const done = await settled(result.conversion);
    expect(done.state).toBe('posted');
    expect(uploads).toBe(3); // chart, notes (failed), notes again
    expect(creates).toBe(1);
    expect(done.messageIds).toEqual([
      '<budget-1@example.test>',
      '<budget-2@example.test>',
      '<budget-3@example.test>',
    ]);

    const stored = await posts();
    expect(stored).toHaveLength(1);
    const post = stored[0]!;
    expect(String(post.id)).toBe(done.postRemoteId);
    expect(post.title.raw).toBe('Budget 2026');
    const content = post.content.raw;
    const visible = content.replace(/<details[\s\S]*?<\/details>/g, '');
    expect(visible.match(/Here is the chart/g)).toHaveLength(1);
    expect(visible).toContain('Looks good, approved from my side.');
    expect(visible).toContain('My notes are attached.');
    expect(content).toContain('Converted from an email thread');
    const files = await media();
    expect(files).toHaveLength(2);
    const chart = files.find((f) => f.source_url.includes('chart'))!;
    const notes = files.find((f) => f.source_url.includes('notes'))!;
    expect(content).toMatch(new RegExp(`<img[^>]+src="${chart.source_url}"`));
    expect(content).toMatch(new RegExp(`<a[^>]+href="${notes.source_url}"`));
    expect(content).not.toContain('cid:');

    // Converting again returns the same conversion instead of posting twice.
    const again = await core.handlers['convert.thread']({
      threadId,
      destination: { accountId: rseId, spaceId: 'Finance' },
      preview: false,
      delayMs: 0,
    });
    expect('conversion' in again && again.conversion.id).toBe(done.id);
    expect(await posts()).toHaveLength(1);

    const page = await core.handlers['timeline.page']({ limit: 50, unreadOnly: false });
    const item = page.items.find((i) => i.threadId === threadId)!;
    expect(item.conversion).toEqual({
      spaceName: 'Finance',
      permalink: done.permalink,
      state: 'posted',
    });
    const postItem = page.items.find((i) => i.kind === 'rse-post' && i.title === 'Budget 2026');
    expect(postItem?.fromThreadId).toBe(threadId);
  }, 120_000);

  it('shows the conversion in the CLI (timeline, conversions) and previews with the reason', async () => {
    await core.dispose();
    const run = promisify(execFile);
    const cli = async (...args: string[]) =>
      (await run(process.execPath, [CLI, '--profile', profile, ...args], { timeout: 60_000 }))
        .stdout;
    // `timeline --json` prints the page's items.
    const items = JSON.parse(await cli('timeline', '--json')) as {
      conversion?: { spaceName: string; state: string };
    }[];
    expect(items.some((i) => i.conversion?.spaceName === 'Finance')).toBe(true);
    const list = JSON.parse(await cli('conversions', '--json')) as ConversionInfo[];
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ state: 'posted', spaceName: 'Finance' });
    const threadId = list[0]!.threadId;
    // The destination is remembered for the thread: a preview without one finds it.
    const preview = await cli('convert', threadId, '--preview');
    expect(preview).toContain('To: Intranet / Finance (thread)');
    expect(preview).toContain('Title: Budget 2026');
  }, 120_000);
});
