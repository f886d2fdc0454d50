// Every message of the public MIME corpora (../shared/corpora/mime) goes through a real
// Dovecot into the store: none crashes the sync, each is stored with a body, searchable,
// and has its attachments listed. A message the parser rejects is kept raw with a notice.
// Bounded: ~140 APPENDs and one sync, about 10 s.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core-types';
import { extractBodyText } from '../../electron/core/mail/body-text';
import { openProfileDbReadonly } from '../harness/profile-db';
import { startDovecot, type DovecotServer } from '../harness/dovecot';
import { openTestCore } from '../harness/test-core';
import { MIME_CORPUS, mimeCorpusFiles } from '../harness/corpora';

// 300 nested multiparts: beyond postal-mime's nesting limit, so the parse is rejected.
function tooDeep(): string {
  const head =
    'From: a@example.test\r\nSubject: Unparseable nesting\r\nMessage-ID: <deep@x>\r\nMIME-Version: 1.0\r\n';
  let body = 'Content-Type: text/plain\r\n\r\nkernel of the onion\r\n';
  for (let i = 0; i < 300; i++) {
    body = `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}\r\n${body}--b${i}--\r\n`;
  }
  return head + body;
}

const available = existsSync(MIME_CORPUS);
let dovecot: DovecotServer;
let profile: string;
let core: Core;
const files = mimeCorpusFiles();

beforeAll(async () => {
  if (!available) return;
  dovecot = await startDovecot();
  for (const file of files) await dovecot.deliver(readFileSync(file));
  await dovecot.deliver(tooDeep());
  profile = mkdtempSync(join(tmpdir(), 'passerelle-mime-'));
  core = await openTestCore(profile);
  await core.handlers['accounts.addImap']({
    name: 'Corpus',
    host: dovecot.host,
    port: dovecot.port,
    tls: 'none',
    user: dovecot.user,
    password: dovecot.password,
  });
  await core.handlers['sync.now']({});
}, 120_000);

afterAll(async () => {
  await core?.dispose();
  await dovecot?.stop();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe.runIf(available)('the MIME corpora through Dovecot', () => {
  it('stores every message with a body', () => {
    expect(files.length).toBeGreaterThan(100);
    const db = openProfileDbReadonly(profile);
    const rows = db.prepare('SELECT count(*) AS n, count(body_text) AS bodies FROM messages').get();
    db.close();
    expect(rows).toEqual({ n: files.length + 1, bodies: files.length + 1 });
  });

  it('lists the attachments the parser finds, with IMAP part ids', async () => {
    let expected = 0;
    for (const file of files)
      expected += (await extractBodyText(readFileSync(file))).attachments.length;
    const db = openProfileDbReadonly(profile);
    const listed = db
      .prepare('SELECT count(*) AS n, count(part_id) AS parts FROM attachments')
      .get() as {
      n: number;
      parts: number;
    };
    const calendar = db
      .prepare("SELECT calendar_method FROM attachments WHERE content_type = 'text/calendar'")
      .all();
    db.close();
    expect(expected).toBeGreaterThan(20);
    expect(listed.n).toBe(expected);
    expect(listed.parts).toBeGreaterThan(expected * 0.8);
    expect(calendar).toContainEqual({ calendar_method: 'REQUEST' });
  });

  it('finds messages by subject words and attachment names', async () => {
    const found = await core.handlers['search.query']({ query: 'subject:"Test event"', limit: 10 });
    expect(found.items.length).toBeGreaterThan(0);
    const byName = await core.handlers['search.query']({ query: 'invite ics', limit: 10 });
    expect(byName.items.some((h) => h.hasAttachments)).toBe(true);
  });

  it('keeps an unparseable message raw, with a notice', async () => {
    const hits = await core.handlers['search.query']({ query: 'onion', limit: 5 });
    expect(hits.items).toHaveLength(1);
    const thread = await core.handlers['threads.get']({ threadId: hits.items[0]!.threadId });
    const message = thread!.messages[0]!;
    expect(message.parseError).toMatch(/could not be read/);
    expect(message.text).toContain('kernel of the onion');
  });
});
