// Incremental sync against Dovecot: QRESYNC in the SELECT with VANISHED, a UIDVALIDITY
// change, flags changed by a second client in a polled folder, and a 2,000-message thread.
import { ImapFlow } from 'imapflow';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertImapAccount } from '../harness/mail-db';
import { openDatabase } from '../../electron/core/db/connection';
import { Writer } from '../../electron/core/db/deltas';
import { createSqliteMailStore } from '../../electron/core/db/mail-store-sqlite';
import { AccountSync } from '../../electron/core/mail/account-sync';
import { syncMailboxOnce } from '../../electron/core/mail/mailbox-sync';
import { buildMessage, startDovecot, type DovecotServer } from '../harness/dovecot';
import { ACCOUNT, STORE_KINDS, type StoreFixture } from './stores';
import { waitUntil } from './wait';

const sqliteFixture = STORE_KINDS.find(([name]) => name === 'sqlite store')![1];

describe('incremental sync against Dovecot', () => {
  let server: DovecotServer;
  let fx: StoreFixture;
  let client: ImapFlow | null = null;
  let engine: AccountSync | null = null;

  async function connect(): Promise<ImapFlow> {
    const c = new ImapFlow({
      host: server.host,
      port: server.port,
      secure: false,
      doSTARTTLS: false,
      auth: { user: server.user, pass: server.password },
      logger: false,
      qresync: true,
      disableAutoIdle: true,
    });
    c.on('error', () => undefined);
    await c.connect();
    return c;
  }

  beforeEach(async () => {
    server = await startDovecot();
    fx = sqliteFixture();
  });

  afterEach(async () => {
    await engine?.dispose();
    engine = null;
    await client?.logout().catch(() => client?.close());
    client = null;
    fx?.close();
    await server?.stop();
  });

  it('QRESYNC: one SELECT brings VANISHED expunges and flag changes; a no-change pass is quiet', async () => {
    const uids: number[] = [];
    for (let i = 0; i < 6; i++)
      uids.push((await server.deliver(buildMessage({ subject: `m${i}` })))!);
    client = await connect();
    await syncMailboxOnce(client, fx.store, ACCOUNT, 'INBOX');
    // Another client expunges two and flags one; our session selects another folder meanwhile.
    await client.mailboxOpen('Archive');
    await server.expunge(uids[1]!);
    await server.expunge(uids[4]!);
    await server.setFlags(uids[2]!, ['\\Flagged', '$Important'], []);

    const result = await syncMailboxOnce(client, fx.store, ACCOUNT, 'INBOX');
    expect(result).toMatchObject({
      mode: 'qresync',
      selectResync: true,
      removed: 2,
      flagsChanged: 1,
      added: 0,
    });
    expect(fx.view().map((m) => m.subject)).toEqual(['m0', 'm2', 'm3', 'm5']);
    expect(fx.view().find((m) => m.subject === 'm2')!.flags).toEqual(['$Important', '\\Flagged']);
    const state = fx.store.getMailboxState(ACCOUNT, 'INBOX')!;
    const status = await client.status('INBOX', { highestModseq: true });
    expect(status && state.highestModseq).toBe(status && status.highestModseq);

    const quiet = await syncMailboxOnce(client, fx.store, ACCOUNT, 'INBOX');
    expect(quiet).toMatchObject({ selectResync: true, removed: 0, flagsChanged: 0, added: 0 });
  });

  it('after a UIDVALIDITY change the folder is resynced with no duplicates', async () => {
    for (let i = 0; i < 4; i++)
      await server.deliver(buildMessage({ subject: `u${i}`, messageId: `<u${i}@t>` }));
    client = await connect();
    await syncMailboxOnce(client, fx.store, ACCOUNT, 'INBOX');
    await client.logout();
    client = null;
    await server.doveadm('mailbox', 'update', '-u', 'alice', '--uid-validity', '42', 'INBOX');
    client = await connect();
    const result = await syncMailboxOnce(client, fx.store, ACCOUNT, 'INBOX');
    expect(result.reset).toBe(true);
    expect(fx.store.getMailboxState(ACCOUNT, 'INBOX')!.uidValidity).toBe(42n);
    expect(fx.view().map((m) => m.messageId)).toEqual(['<u0@t>', '<u1@t>', '<u2@t>', '<u3@t>']);
    expect(fx.view().every((m) => m.bodyText === 'Hi Alice.')).toBe(true);
  });

  it('flags changed by a second client in a polled folder show up locally', async () => {
    const uid = (await server.deliver(buildMessage({ subject: 'archived' }), 'Archive'))!;
    engine = new AccountSync({
      accountId: ACCOUNT,
      settings: { host: server.host, port: server.port, tls: 'none', user: server.user },
      password: server.password,
      store: fx.store,
      pollIntervalMs: 300,
    });
    engine.start();
    await waitUntil(() => engine!.status.kind === 'online', 10_000, 'online');
    expect(fx.view('Archive')[0]!.flags).toEqual([]);
    await server.setFlags(uid, ['\\Seen', '\\Flagged'], [], 'Archive');
    await waitUntil(
      () => fx.view('Archive')[0]!.flags.join() === '\\Flagged,\\Seen',
      5_000,
      'polled flag change',
    );
  });

  it('a 2,000-message thread lands as one thread with every message', async () => {
    const raws = Array.from({ length: 2000 }, (_, i) =>
      buildMessage({
        subject: i ? 'Re: Long thread' : 'Long thread',
        messageId: `<t${i}@long>`,
        ...(i
          ? { inReplyTo: `<t${i - 1}@long>`, references: ['<t0@long>', `<t${i - 1}@long>`] }
          : {}),
        date: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
      }),
    );
    await server.importMessages(raws);
    const db = openDatabase(':memory:');
    insertImapAccount(db, {
      id: ACCOUNT,
      name: 'Thread',
      imap: { host: server.host, port: server.port, user: server.user },
    });
    try {
      client = await connect();
      await syncMailboxOnce(client, createSqliteMailStore(new Writer(db)), ACCOUNT, 'INBOX', {
        maxBodiesPerPass: 0,
      });
      const threads = db.prepare('SELECT subject, message_count FROM threads').all();
      expect(threads).toEqual([{ subject: 'Long thread', message_count: 2000 }]);
      const messages = db.prepare('SELECT count(DISTINCT message_id) AS n FROM messages').get();
      expect(messages).toEqual({ n: 2000 });
    } finally {
      db.close();
    }
  });
});
