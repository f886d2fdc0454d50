// Attachments against a real Dovecot: a message larger than the body cap is listed from
// its BODYSTRUCTURE (exact sizes, names, types, part ids) with its text present and never
// a truncated parse; attachments.get returns the exact bytes over IMAP once, then from the
// profile's cache with no IMAP traffic at all (counted through a TCP proxy); browser mode
// refuses files over its cap with what to do instead; the cache stays within its bound.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageDetail, ThreadDetail } from '../../shared/domain';
import { createCore } from '../../electron/core/core';
import type { Core } from '../../electron/core/core-types';
import { AttachmentCache, ATTACHMENT_CACHE_DIR } from '../../electron/core/mail/attachment-cache';
import { BODY_TRUNCATED_NOTICE } from '../../electron/core/mail/large-body';
import { FileSecretStore } from '../../electron/core/secrets/secret-store';
import { startDovecot, type DovecotServer } from '../harness/dovecot';
import { startTcpProxy, type TcpProxy } from '../harness/tcp-proxy';

const MB = 1024 * 1024;
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** Deterministic, incompressible-looking bytes. */
function bytes(size: number, seed: number): Buffer {
  const out = Buffer.alloc(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const b64 = (data: Buffer) => data.toString('base64').replace(/.{76}/g, '$&\r\n');
const head = (id: string, subject: string, type: string) =>
  `From: Carol <carol@example.test>\r\nTo: alice@example.test\r\nSubject: ${subject}\r\n` +
  `Message-ID: <${id}@example.test>\r\nDate: Mon, 1 Jan 2024 00:00:00 +0000\r\n` +
  `MIME-Version: 1.0\r\nContent-Type: ${type}\r\n\r\n`;

const BIG = bytes(30 * MB + 7, 1);
const PHOTO = bytes(40_000, 2);
const SMALL = bytes(5_000, 3);
const LATIN1 = Buffer.from('Caf\xe9 cr\xe8me\r\n', 'latin1');
const LONG_TEXT = 'The quarterly figures are attached. '.repeat(100_000); // ~3.6 MB

const RAWS: (string | Buffer)[] = [
  // 30 MB: alternative text + HTML with an inline image, then the big file and a
  // Latin-1 text file that must come back byte for byte (no charset conversion).
  Buffer.concat([
    Buffer.from(
      head('big', 'Thirty megabytes', 'multipart/mixed; boundary="mix"') +
        '--mix\r\nContent-Type: multipart/related; boundary="rel"\r\n\r\n' +
        '--rel\r\nContent-Type: multipart/alternative; boundary="alt"\r\n\r\n' +
        '--alt\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n' +
        'Here are the d=C3=A9tails of the big file.\r\n' +
        '--alt\r\nContent-Type: text/html; charset=utf-8\r\n\r\n' +
        '<p>Here are the <b>details</b> <img src="cid:photo@example.test"></p>\r\n--alt--\r\n' +
        '--rel\r\nContent-Type: image/png\r\nContent-ID: <photo@example.test>\r\nContent-Transfer-Encoding: base64\r\n\r\n' +
        `${b64(PHOTO)}\r\n--rel--\r\n` +
        '--mix\r\nContent-Type: application/octet-stream; name="big.bin"\r\n' +
        'Content-Disposition: attachment; filename="=?utf-8?q?gro=C3=9F.bin?="\r\nContent-Transfer-Encoding: base64\r\n\r\n' +
        `${b64(BIG)}\r\n` +
        '--mix\r\nContent-Type: text/plain; charset=iso-8859-1; name="notes.txt"\r\n' +
        'Content-Disposition: attachment; filename="notes.txt"\r\nContent-Transfer-Encoding: 8bit\r\n\r\n',
    ),
    LATIN1,
    Buffer.from('\r\n--mix--\r\n'),
  ]),
  // A large text-only message: its text is cut at the cap, with a notice.
  head('long', 'Long text', 'text/plain; charset=utf-8') + `${LONG_TEXT}\r\n`,
  // A small message keeps the whole-source path.
  head('small', 'Small one', 'multipart/mixed; boundary="m"') +
    '--m\r\nContent-Type: text/plain\r\n\r\nsmall body\r\n' +
    '--m\r\nContent-Type: application/pdf; name="s.pdf"\r\nContent-Disposition: attachment; filename="s.pdf"\r\n' +
    `Content-Transfer-Encoding: base64\r\n\r\n${b64(SMALL)}\r\n--m--\r\n`,
];

let dovecot: DovecotServer;
let proxy: TcpProxy;
const profiles: string[] = [];
const cores: Core[] = [];

async function openCore(mode: 'cli' | 'browser'): Promise<Core> {
  const profile = mkdtempSync(join(tmpdir(), 'passerelle-attachments-'));
  profiles.push(profile);
  const core = await createCore({
    profileDir: profile,
    mode,
    backgroundSync: false,
    secrets: new FileSecretStore(profile),
    log: () => undefined,
  });
  cores.push(core);
  await core.handlers['accounts.addImap']({
    name: 'Dovecot',
    host: proxy.host,
    port: proxy.port,
    tls: 'none',
    user: dovecot.user,
    password: dovecot.password,
  });
  await core.handlers['sync.now']({});
  return core;
}

async function message(core: Core, subject: string): Promise<MessageDetail> {
  const threads = await core.handlers['threads.list']({});
  const summary = threads.find((t) => t.subject === subject);
  expect(summary, subject).toBeDefined();
  const thread = (await core.handlers['threads.get']({ threadId: summary!.id })) as ThreadDetail;
  return thread.messages[0]!;
}

let core: Core;
let profile: string;

beforeAll(async () => {
  dovecot = await startDovecot();
  await dovecot.importMessages(RAWS);
  proxy = await startTcpProxy(dovecot.port);
  core = await openCore('cli');
  profile = profiles[0]!;
}, 120_000);

afterAll(async () => {
  for (const c of cores) await c.dispose();
  await proxy?.close();
  await dovecot?.stop();
  for (const p of profiles) rmSync(p, { recursive: true, force: true });
});

describe('a message larger than the body cap', () => {
  it('lists every attachment from BODYSTRUCTURE with its exact size, and has its text', async () => {
    const m = await message(core, 'Thirty megabytes');
    expect(m.text).toContain('Here are the détails of the big file.');
    expect(m.html).toContain('<b>details</b>');
    expect(m.text).not.toContain(BODY_TRUNCATED_NOTICE);
    expect(m.attachments?.map(({ id: _id, ...a }) => a)).toEqual([
      {
        partId: '1.2',
        filename: null,
        contentType: 'image/png',
        size: PHOTO.length,
        contentId: '<photo@example.test>',
        inline: true,
        calendarMethod: null,
      },
      {
        partId: '2',
        filename: 'groß.bin',
        contentType: 'application/octet-stream',
        size: BIG.length,
        contentId: null,
        inline: false,
        calendarMethod: null,
      },
      {
        partId: '3',
        filename: 'notes.txt',
        contentType: 'text/plain',
        size: LATIN1.length,
        contentId: null,
        inline: false,
        calendarMethod: null,
      },
    ]);
    // has:attachment and the names are searchable as for any message.
    const hits = await core.handlers['search.query']({
      query: 'notes has:attachment',
      limit: 10,
    });
    expect(hits.items.map((h) => h.subject)).toEqual(['Thirty megabytes']);
  });

  it('cuts a very long text at the cap and says so', async () => {
    const m = await message(core, 'Long text');
    expect(m.text!.startsWith('The quarterly figures are attached.')).toBe(true);
    expect(m.text!.length).toBeLessThan(2 * MB + 1000);
    expect(m.text!.endsWith(`[${BODY_TRUNCATED_NOTICE}]`)).toBe(true);
    expect(m.attachments).toEqual([]);
  });

  it('keeps the whole-source path for small messages', async () => {
    const m = await message(core, 'Small one');
    expect(m.text).toBe('small body');
    expect(m.attachments?.map((a) => [a.partId, a.filename, a.size])).toEqual([
      ['2', 's.pdf', SMALL.length],
    ]);
  });
});

describe('attachments.get', () => {
  it('returns the exact bytes over IMAP, then from the cache with no IMAP traffic', async () => {
    const m = await message(core, 'Thirty megabytes');
    const big = m.attachments!.find((a) => a.partId === '2')!;
    const before = proxy.bytesDown;
    const first = await core.handlers['attachments.get']({
      messageId: m.id,
      attachmentId: big.id!,
    });
    const fetched = proxy.bytesDown - before;
    expect(first).toMatchObject({
      filename: 'groß.bin',
      contentType: 'application/octet-stream',
      size: BIG.length,
    });
    expect(sha256(Buffer.from(first.data, 'base64'))).toBe(sha256(BIG));
    expect(fetched).toBeGreaterThan(BIG.length);

    const again = proxy.bytesDown;
    const connections = proxy.connections;
    const second = await core.handlers['attachments.get']({
      messageId: m.id,
      attachmentId: big.id!,
    });
    expect(proxy.bytesDown - again).toBe(0);
    expect(proxy.connections).toBe(connections);
    expect(sha256(Buffer.from(second.data, 'base64'))).toBe(sha256(BIG));
    const cacheDir = join(profile, ATTACHMENT_CACHE_DIR);
    expect(readdirSync(cacheDir).map((f) => statSync(join(cacheDir, f)).size)).toContain(
      BIG.length,
    );
  });

  it('keeps a text attachment as sent (no charset conversion) and serves inline images', async () => {
    const m = await message(core, 'Thirty megabytes');
    const notes = m.attachments!.find((a) => a.filename === 'notes.txt')!;
    const photo = m.attachments!.find((a) => a.inline)!;
    const [text, image] = await Promise.all([
      core.handlers['attachments.get']({ messageId: m.id, attachmentId: notes.id! }),
      core.handlers['attachments.get']({ messageId: m.id, attachmentId: photo.id! }),
    ]);
    expect(Buffer.from(text.data, 'base64').equals(LATIN1)).toBe(true);
    expect(image.contentType).toBe('image/png');
    expect(Buffer.from(image.data, 'base64').equals(PHOTO)).toBe(true);
  });

  it('says which attachment is unknown', async () => {
    const m = await message(core, 'Small one');
    await expect(
      core.handlers['attachments.get']({ messageId: m.id, attachmentId: '999999' }),
    ).rejects.toMatchObject({ code: 'not-found' });
  });

  it('in browser mode, refuses a file over 25 MB before downloading it, and says what to do', async () => {
    const browserCore = await openCore('browser');
    const m = await message(browserCore, 'Thirty megabytes');
    const big = m.attachments!.find((a) => a.partId === '2')!;
    const before = proxy.bytesDown;
    const outcome = await browserCore.dispatch('attachments.get', {
      messageId: m.id,
      attachmentId: big.id,
    });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'too-large' } });
    const message_ = (outcome as { error: { message: string } }).error.message;
    expect(message_).toMatch(/groß\.bin.*30\.0 MB|groß\.bin.*30 MB/);
    expect(message_).toMatch(/desktop app/);
    expect(proxy.bytesDown - before).toBe(0);
    // A small one still comes through.
    const small = await message(browserCore, 'Small one');
    const file = await browserCore.handlers['attachments.get']({
      messageId: small.id,
      attachmentId: small.attachments![0]!.id!,
    });
    expect(Buffer.from(file.data, 'base64').equals(SMALL)).toBe(true);
  });
});

describe('the attachment cache', () => {
  it('stays within its bound, evicting the least recently used file, across restarts', async () => {
    // Distinct modification times: they order the files after a restart.
    const tick = () => new Promise((resolve) => setTimeout(resolve, 20));
    const dir = mkdtempSync(join(tmpdir(), 'passerelle-attachment-cache-'));
    profiles.push(dir);
    const key = (uid: number) => ({
      accountId: 'a',
      mailbox: 'INBOX',
      uidValidity: '1',
      uid,
      partId: '2',
    });
    const cache = new AttachmentCache(dir, 3 * MB);
    const file = (n: number) => bytes(MB, 10 + n);
    cache.put(key(1), file(1));
    await tick();
    cache.put(key(2), file(2));
    await tick();
    cache.put(key(3), file(3));
    await tick();
    expect(cache.get(key(1))?.equals(file(1))).toBe(true); // 1 is now the most recent
    await tick();
    cache.put(key(4), file(4)); // evicts 2, the least recently used
    expect(cache.size).toBeLessThanOrEqual(3 * MB);
    expect(cache.get(key(2))).toBeNull();
    expect(readdirSync(dir)).toHaveLength(3);
    // Too big for the cache: not kept, nothing evicted for it.
    cache.put(key(5), bytes(4 * MB, 5));
    expect(cache.get(key(5))).toBeNull();
    expect(readdirSync(dir)).toHaveLength(3);

    // A fresh instance (a restart) with a smaller bound trims to it, oldest use first.
    const reopened = new AttachmentCache(dir, 2 * MB);
    expect(reopened.size).toBeLessThanOrEqual(2 * MB);
    expect(readdirSync(dir)).toHaveLength(2);
    expect(reopened.get(key(3))).toBeNull();
    expect(reopened.get(key(1))?.equals(file(1))).toBe(true);
    expect(reopened.get(key(4))?.equals(file(4))).toBe(true);
  });
});
