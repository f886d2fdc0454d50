// A UIDVALIDITY change (doveadm mailbox update) makes the sync forget and re-download the
// folder. What the user did locally to its threads — a snooze, a mute, a conversion to an
// RSE post — must follow the messages by Message-ID to their new threads, with no
// duplicate messages or threads, also when the re-sync is interrupted half-way.
import { ImapFlow } from 'imapflow';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { insertAccount } from '../../electron/core/db/accounts';
import { openDatabase, type Db } from '../../electron/core/db/connection';
import { insertConversion } from '../../electron/core/db/conversions';
import { Writer } from '../../electron/core/db/deltas';
import { createSqliteMailStore } from '../../electron/core/db/mail-store-sqlite';
import { listSnoozes, setSnooze } from '../../electron/core/db/snoozes';
import type { MailStore } from '../../electron/core/mail/mail-store';
import { syncMailboxOnce } from '../../electron/core/mail/mailbox-sync';
import { setThreadMuted } from '../../electron/core/notify/notify-store';
import { buildMessage, startDovecot, type DovecotServer } from '../harness/dovecot';

const ACCOUNT = 'acc-mail';
const RSE_ACCOUNT = 'acc-wp';
const UNTIL = '2099-01-01T08:00:00.000Z';

let server: DovecotServer;
let db: Db;
let store: MailStore;
let client: ImapFlow | null = null;

beforeEach(async () => {
  server = await startDovecot();
  db = openDatabase(':memory:');
  const createdAt = new Date().toISOString();
  insertAccount(db, {
    id: ACCOUNT,
    name: 'Mail',
    kind: 'imap',
    imap: { host: server.host, port: server.port, tls: 'none', user: server.user },
    createdAt,
  });
  insertAccount(db, {
    id: RSE_ACCOUNT,
    name: 'Intranet',
    kind: 'wordpress',
    rse: { url: 'http://127.0.0.1:1' },
    createdAt,
  });
  store = createSqliteMailStore(new Writer(db));
  // Oldest first. Thread "Budget" (two messages) is snoozed and converted; "Picnic" is muted.
  const day = (n: number) => new Date(Date.UTC(2026, 2, n));
  await server.deliver(buildMessage({ subject: 'Budget', messageId: '<b1@t>', date: day(1) }));
  await server.deliver(
    buildMessage({
      subject: 'Re: Budget',
      messageId: '<b2@t>',
      inReplyTo: '<b1@t>',
      references: ['<b1@t>'],
      date: day(2),
    }),
  );
  await server.deliver(buildMessage({ subject: 'Picnic', messageId: '<p1@t>', date: day(3) }));
  // Another folder, synced after the inbox: its thread takes the next id, so the inbox's
  // re-download cannot get its old thread ids back.
  await server.deliver(buildMessage({ subject: 'Old stuff', messageId: '<a1@t>' }), 'Archive');
});

afterEach(async () => {
  await client?.logout().catch(() => client?.close());
  client = null;
  db?.close();
  await server?.stop();
});

async function sync(isCancelled?: () => boolean, path = 'INBOX') {
  client ??= new ImapFlow({
    host: server.host,
    port: server.port,
    secure: false,
    doSTARTTLS: false,
    auth: { user: server.user, pass: server.password },
    logger: false,
    disableAutoIdle: true,
  });
  if (!client.usable) await client.connect();
  return await syncMailboxOnce(client, store, ACCOUNT, path, isCancelled ? { isCancelled } : {});
}

function threadOf(messageId: string): number {
  const row = db.prepare('SELECT thread_id FROM messages WHERE message_id = ?').get(messageId) as
    { thread_id: number } | undefined;
  if (!row) throw new Error(`${messageId} is not stored`);
  return row.thread_id;
}

function counts() {
  return db
    .prepare(
      `SELECT (SELECT count(*) FROM messages) AS messages, (SELECT count(*) FROM threads) AS threads`,
    )
    .get() as { messages: number; threads: number };
}

function localState() {
  return {
    snoozed: listSnoozes(db).map((s) => s.itemId),
    muted: (
      db.prepare('SELECT thread_key FROM notify_muted_threads').all() as { thread_key: string }[]
    ).map((r) => r.thread_key),
    converted: (
      db.prepare('SELECT thread_id FROM conversions').all() as { thread_id: number }[]
    ).map((r) => r.thread_id),
  };
}

function markUp(): void {
  const budget = threadOf('<b1@t>');
  setSnooze(db, `mail-thread:${budget}`, ACCOUNT, UNTIL);
  setThreadMuted(db, ACCOUNT, `mail:${threadOf('<p1@t>')}`, true);
  insertConversion(db, {
    threadId: budget,
    mailAccountId: ACCOUNT,
    rseAccountId: RSE_ACCOUNT,
    spaceRemoteId: '1',
    spaceName: 'News',
    title: 'Budget',
    messageIds: ['<b1@t>', '<b2@t>'],
    idempotencyKey: 'conv-budget',
    convertedBy: 'alice',
    now: new Date().toISOString(),
  });
}

async function changeUidValidity(): Promise<void> {
  await client?.logout().catch(() => client?.close());
  client = null;
  await server.doveadm('mailbox', 'update', '-u', 'alice', '--uid-validity', '777', 'INBOX');
}

function expected() {
  return {
    snoozed: [`mail-thread:${threadOf('<b1@t>')}`],
    muted: [`mail:${threadOf('<p1@t>')}`],
    converted: [threadOf('<b1@t>')],
  };
}

it('keeps snooze, mute and conversion on the re-synced threads, without duplicates', async () => {
  await sync();
  await sync(undefined, 'Archive');
  expect(counts()).toEqual({ messages: 4, threads: 3 });
  markUp();
  const before = { budget: threadOf('<b1@t>'), picnic: threadOf('<p1@t>') };

  await changeUidValidity();
  const result = await sync();
  expect(result.reset).toBe(true);
  expect(counts()).toEqual({ messages: 4, threads: 3 });
  expect(threadOf('<b2@t>')).toBe(threadOf('<b1@t>'));
  // The re-download gave the threads new ids: state left on the old ones would be lost.
  expect(threadOf('<b1@t>')).not.toBe(before.budget);
  expect(threadOf('<p1@t>')).not.toBe(before.picnic);
  expect(localState()).toEqual(expected());
  expect(db.prepare('SELECT count(*) AS n FROM local_state_carry').get()).toEqual({ n: 0 });

  // A later pass with nothing new changes nothing.
  await sync();
  expect(counts()).toEqual({ messages: 4, threads: 3 });
  expect(localState()).toEqual(expected());
});

it('an interrupted re-sync keeps what it remembered until the next pass completes', async () => {
  await sync();
  await sync(undefined, 'Archive');
  markUp();
  await changeUidValidity();

  // Stopped right after the reset, before any header came back.
  const interrupted = await sync(() => true);
  expect(interrupted.reset).toBe(true);
  expect(counts()).toEqual({ messages: 1, threads: 1 });
  expect(
    (db.prepare('SELECT count(*) AS n FROM local_state_carry').get() as { n: number }).n,
  ).toBeGreaterThan(0);

  await sync();
  expect(counts()).toEqual({ messages: 4, threads: 3 });
  expect(localState()).toEqual(expected());
  expect(db.prepare('SELECT count(*) AS n FROM local_state_carry').get()).toEqual({ n: 0 });
});
