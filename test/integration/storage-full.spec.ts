// A full disk while mail syncs: the account says the disk is full (not that the server
// failed or closed), sync carries on by itself once there is room, and nothing is lost or
// stored twice. Two real full disks: SQLite's own limit on the database's pages (a real
// SQLITE_FULL, on any machine) under the live session, and a small tmpfs holding a whole
// profile under the CLI (ENOSPC for every file; needs root to mount, as CI has).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AccountStatus } from '../../shared/domain';
import { openDatabase, type Db } from '../../electron/core/db/connection';
import { Writer } from '../../electron/core/db/deltas';
import { createSqliteMailStore } from '../../electron/core/db/mail-store-sqlite';
import { AccountSync } from '../../electron/core/mail/account-sync';
import { imapAccountArgs, runCli } from '../harness/app-server';
import { buildMessage, startDovecot, type DovecotServer } from '../harness/dovecot';
import { insertImapAccount } from '../harness/mail-db';
import { waitUntil } from './wait';

const MESSAGES = 300;
const body = (i: number) => `Minutes of meeting ${i}. `.repeat(60);

let server: DovecotServer;
/** Messages on the server: the live test delivers one more. */
let delivered = MESSAGES;

beforeAll(async () => {
  server = await startDovecot();
  await server.importMessages(
    Array.from({ length: MESSAGES }, (_, i) =>
      buildMessage({ subject: `Meeting ${i}`, messageId: `<full${i}@disk.test>`, text: body(i) }),
    ),
  );
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

/** Stored rows per Message-ID of the inbox: each must be there exactly once. */
function storedInbox(db: Db): { rows: number; ids: number } {
  return db
    .prepare(
      `SELECT count(*) AS rows, count(DISTINCT m.message_id) AS ids FROM messages m
         JOIN mailboxes b ON b.id = m.mailbox_id WHERE b.path = 'INBOX'`,
    )
    .get() as { rows: number; ids: number };
}

const fullDiskStatus = (s: AccountStatus) =>
  s.kind === 'error' &&
  s.text?.key === 'syncStoragePaused' &&
  (s.text.params?.problem as { key?: string } | undefined)?.key === 'storageFull';

describe('the live sync on a full database', () => {
  let dir: string;
  let db: Db;
  let engine: AccountSync | null = null;
  const statuses: AccountStatus[] = [];

  afterEach(async () => {
    await engine?.dispose();
    db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says the disk is full, resumes once there is room, and stores each message once', async () => {
    dir = mkdtempSync(join(tmpdir(), 'passerelle-full-'));
    db = openDatabase(join(dir, 'passerelle.db'));
    const accountId = insertImapAccount(db, {
      imap: { host: server.host, port: server.port, user: server.user },
    });
    // Room for a few dozen of the 300 messages: the initial sync runs out midway.
    const limit = (extraPages: number) =>
      db.pragma(
        `max_page_count = ${Number(db.pragma('page_count', { simple: true })) + extraPages}`,
      );
    limit(40);
    engine = new AccountSync({
      accountId,
      settings: { host: server.host, port: server.port, tls: 'none', user: server.user },
      password: server.password,
      store: createSqliteMailStore(new Writer(db)),
      mailboxes: ['INBOX'],
      onStatus: (s) => statuses.push(s),
      backoff: { initialMs: 200, maxMs: 500 },
      debounceMs: 50,
    });
    engine.start();
    await waitUntil(() => statuses.some(fullDiskStatus), 20_000, 'a full-disk status');
    expect(engine.status.message).toMatch(/disk holding Passerelle's data is full/);
    expect(storedInbox(db).rows).toBeLessThan(MESSAGES);

    db.pragma('max_page_count = 1073741823'); // space freed
    await waitUntil(() => storedInbox(db).rows === MESSAGES, 30_000, 'every message stored');
    await waitUntil(() => engine!.status.kind === 'online', 10_000, 'online again');
    expect(storedInbox(db)).toEqual({ rows: MESSAGES, ids: MESSAGES });

    // Full again while the session idles: the pass IDLE starts fails for the same reason,
    // and the status says so rather than "the server closed the connection". (The message
    // is larger than the pages SQLite has free, so it cannot fit without growing the file.)
    statuses.length = 0;
    limit(0);
    await server.deliver(
      buildMessage({
        subject: 'While full',
        messageId: '<late@disk.test>',
        text: body(0).repeat(100),
      }),
    );
    delivered++;
    await waitUntil(() => statuses.some(fullDiskStatus), 20_000, 'a full-disk status again');
    expect(statuses.map((s) => s.text?.key)).not.toContain('syncServerClosed');
    db.pragma('max_page_count = 1073741823');
    await waitUntil(() => storedInbox(db).rows === MESSAGES + 1, 30_000, 'the late message');
    expect(storedInbox(db)).toEqual({ rows: MESSAGES + 1, ids: MESSAGES + 1 });
  }, 90_000);
});

/** A tmpfs of `size` at `dir`, or null where this process may not mount (not root). */
function mountTmpfs(dir: string, size: string): boolean {
  return spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]).status === 0;
}

const probe = mkdtempSync(join(tmpdir(), 'passerelle-mount-probe-'));
const canMount = mountTmpfs(probe, '64k') && spawnSync('umount', [probe]).status === 0;
rmSync(probe, { recursive: true, force: true });

describe.skipIf(!canMount)('the CLI on a full disk (a small tmpfs)', () => {
  let mountPoint: string;

  afterAll(() => {
    if (!mountPoint) return;
    spawnSync('umount', [mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  });

  const cli = (args: string[]) =>
    runCli(join(mountPoint, 'p'), args, { env: { TEST_IMAP_PASSWORD: server.password } });

  it('stops with "the disk is full", then a second run completes without duplicates', async () => {
    mountPoint = mkdtempSync(join(tmpdir(), 'passerelle-tmpfs-'));
    // The empty profile fits; 300 messages with their bodies and index do not.
    expect(mountTmpfs(mountPoint, '600k')).toBe(true);
    const added = await cli(imapAccountArgs('Work', server, 'TEST_IMAP_PASSWORD'));
    expect(added.code, added.stderr).toBe(0);

    const full = await cli(['sync', '--once']);
    expect(full.code).not.toBe(0);
    expect(full.stderr).toContain("The disk holding Passerelle's data is full: free some space.");
    expect(full.stderr).not.toMatch(/IMAP error/);

    expect(spawnSync('mount', ['-o', 'remount,size=64m', mountPoint]).status).toBe(0);
    const resumed = await cli(['sync', '--once']);
    expect(resumed.code, resumed.stderr).toBe(0);
    const threads = await cli(['threads', '--json']);
    const ids = (JSON.parse(threads.stdout) as { messages: { messageId: string }[] }[]).flatMap(
      (t) => t.messages.map((m) => m.messageId),
    );
    expect(ids).toHaveLength(delivered);
    expect(new Set(ids).size).toBe(delivered);
  }, 120_000);
});
