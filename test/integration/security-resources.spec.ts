// Oversized and hostile mail through a real Dovecot into the store: a 50 MB attachment,
// a 10,000-message thread, a 1 MB subject, 5,000 recipients, and spoofed sender names
// (encoded NUL/CRLF, a name that claims another address). Time and memory are printed,
// not asserted; the outcomes are.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core-types';
import type Database from 'better-sqlite3';
import { SUBJECT_TRUNCATED_NOTICE } from '../../electron/core/mail/message-mapper';
import { openProfileDbReadonly } from '../harness/profile-db';
import { startDovecot, type DovecotServer } from '../harness/dovecot';
import { openTestCore } from '../harness/test-core';

let dovecot: DovecotServer;
let profile: string;
let core: Core;
let db: Database.Database;
const THREAD = 10_000;

const head = (id: string, subject: string, extra = '') =>
  `From: Sender <sender@example.test>\r\nTo: alice@example.test\r\nSubject: ${subject}\r\n` +
  `Message-ID: <${id}@example.test>\r\nDate: Mon, 1 Jan 2024 00:00:00 +0000\r\n${extra}`;

function measure<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const rss = process.memoryUsage().rss;
  return work().finally(() => {
    const mb = (n: number) => (n / 1024 / 1024).toFixed(0);
    process.stdout.write(
      `[security-resources] ${label}: ${(performance.now() - started).toFixed(0)} ms, ` +
        `rss ${mb(rss)} -> ${mb(process.memoryUsage().rss)} MB\n`,
    );
  });
}

beforeAll(async () => {
  dovecot = await startDovecot();
  const big = Buffer.alloc(50 * 1024 * 1024, 7)
    .toString('base64')
    .replace(/.{76}/g, '$&\r\n');
  const raws: (string | Buffer)[] = [
    head(
      'big',
      'Fifty megabytes',
      'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n',
    ) +
      '\r\n--b\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n--b\r\n' +
      'Content-Type: application/octet-stream; name=big.bin\r\nContent-Disposition: attachment; filename=big.bin\r\n' +
      `Content-Transfer-Encoding: base64\r\n\r\n${big}\r\n--b--\r\n`,
    head('subject', 'S'.repeat(1024 * 1024)) + '\r\nlong subject\r\n',
    head('many', 'Many recipients').replace(
      'To: alice@example.test',
      `To: ${Array.from({ length: 5000 }, (_, i) => `r${i}@example.test`).join(',\r\n ')}`,
    ) + '\r\nhello all\r\n',
    'From: "PayPal <service@paypal.example>" <attacker@evil.example>\r\nTo: alice@example.test\r\n' +
      'Subject: spoof one\r\nMessage-ID: <spoof1@example.test>\r\n\r\nx\r\n',
    'From: =?utf-8?Q?Bank=00=0D=0AFrom=3A_ceo=40bank.example?= <attacker@evil.example>\r\n' +
      'To: alice@example.test\r\nSubject: spoof two\r\nMessage-ID: <spoof2@example.test>\r\n\r\nx\r\n',
    'From: =?utf-8?Q?=E2=80=AEelpmaxe.knab=40eciffo?= <attacker@evil.example>\r\n' +
      'To: alice@example.test\r\nSubject: spoof three\r\nMessage-ID: <spoof3@example.test>\r\n\r\nx\r\n',
  ];
  for (let i = 0; i < THREAD; i++) {
    const parent = i
      ? `In-Reply-To: <t${i - 1}@example.test>\r\nReferences: <t0@example.test> <t${i - 1}@example.test>\r\n`
      : '';
    raws.push(
      head(`t${i}`, i ? 'Re: Long thread' : 'Long thread', parent) + `\r\nmessage ${i}\r\n`,
    );
  }
  await measure('doveadm import', () => dovecot.importMessages(raws));
  profile = mkdtempSync(join(tmpdir(), 'passerelle-resources-'));
  core = await openTestCore(profile);
  await core.handlers['accounts.addImap']({
    name: 'Big',
    host: dovecot.host,
    port: dovecot.port,
    tls: 'none',
    user: dovecot.user,
    password: dovecot.password,
  });
  await measure(`sync of ${raws.length} messages`, () => core.handlers['sync.now']({}));
  db = openProfileDbReadonly(profile);
}, 240_000);

afterAll(async () => {
  db?.close();
  await core?.dispose();
  await dovecot?.stop();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

interface Row {
  subject: string;
  from_json: string | null;
  to_json: string | null;
  body_text: string | null;
}
const byId = (id: string) =>
  db.prepare('SELECT * FROM messages WHERE message_id = ?').get(`<${id}@example.test>`) as
    Row | undefined;

describe('oversized mail', () => {
  it('stores the 10,000-message thread as one thread', () => {
    const row = db
      .prepare(
        `SELECT thread_id, count(*) AS n FROM messages WHERE message_id LIKE '<t%@example.test>'
         GROUP BY thread_id ORDER BY n DESC LIMIT 1`,
      )
      .get() as { n: number };
    expect(row.n).toBe(THREAD);
  });

  it('stores the 50 MB message and lists its attachment', () => {
    expect(byId('big')).toBeDefined();
    const listed = db
      .prepare(`SELECT count(*) AS n FROM attachments WHERE filename = 'big.bin'`)
      .get() as { n: number };
    expect(listed.n).toBe(1);
  });

  it('stores the message with a 1 MB subject, bounded, and says it was cut', () => {
    const row = byId('subject')!;
    process.stdout.write(`[security-resources] stored subject: ${row.subject.length} chars\n`);
    expect(row.subject.length).toBeLessThan(10_000);
    expect(row.subject.endsWith(SUBJECT_TRUNCATED_NOTICE)).toBe(true);
  });

  it('stores the message with 5,000 recipients', () => {
    const to = JSON.parse(byId('many')!.to_json ?? '[]') as unknown[];
    process.stdout.write(`[security-resources] stored recipients: ${to.length}\n`);
    expect(to.length).toBeGreaterThan(0);
  });
});

describe('sender display resists spoofing (through Dovecot)', () => {
  it.each(['spoof1', 'spoof2', 'spoof3'])('%s keeps the real address and no fake one', (id) => {
    const from = JSON.parse(byId(id)!.from_json!) as { name?: string; address: string };
    expect(from.address).toBe('attacker@evil.example');
    // eslint-disable-next-line no-control-regex
    expect(from.name ?? '').not.toMatch(/[\u0000-\u001f\u202e@]/);
  });
});
