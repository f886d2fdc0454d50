// syncMailboxOnce against a real Dovecot, through both MailStore implementations.
import { ImapFlow } from 'imapflow';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syncMailboxOnce } from '../../electron/core/mail/mailbox-sync';
import { buildMessage, startDovecot, type DovecotServer } from '../harness/dovecot';
import { ACCOUNT, STORE_KINDS, type StoreFixture } from './stores';

describe.each(STORE_KINDS)('syncMailboxOnce (%s)', (_name, makeStore) => {
  let server: DovecotServer;
  let fx: StoreFixture;
  let client: ImapFlow;

  /** A sync session; `plain` turns off CONDSTORE/QRESYNC to exercise the UID/flags diff. */
  async function connect(plain = false): Promise<ImapFlow> {
    const c = new ImapFlow({
      host: server.host,
      port: server.port,
      secure: false,
      doSTARTTLS: false,
      auth: { user: server.user, pass: server.password },
      logger: false,
      qresync: !plain,
      disableAutoEnable: plain,
      disableAutoIdle: true,
    });
    c.on('error', () => undefined);
    await c.connect();
    return c;
  }

  const sync = (path = 'INBOX', c = client) => syncMailboxOnce(c, fx.store, ACCOUNT, path);

  beforeEach(async () => {
    server = await startDovecot();
    fx = makeStore();
    client = await connect();
  });

  afterEach(async () => {
    await client?.logout().catch(() => client.close());
    fx?.close();
    await server?.stop();
  });

  it('initial sync stores headers, flags, threading headers and body snippets', async () => {
    await server.deliver(
      buildMessage({
        subject: 'First',
        messageId: '<a@test>',
        text: 'Lunch on Friday?\n\n> old quoted text',
      }),
    );
    await server.deliver(
      buildMessage({
        subject: 'Re: First',
        messageId: '<b@test>',
        inReplyTo: '<a@test>',
        references: ['<a@test>'],
        from: 'Carol <carol@example.test>',
        text: 'Yes, noon.',
      }),
      'INBOX',
      ['\\Seen'],
    );
    await server.deliver(
      buildMessage({
        subject: 'HTML only',
        messageId: '<c@test>',
        html: '<html><head><style>p{}</style></head><body><p>Hello &amp; <b>welcome</b></p></body></html>',
      }),
      'INBOX',
      ['\\Flagged'],
    );

    const result = await sync();
    expect(result).toMatchObject({ reset: true, added: 3, bodies: 3, mode: 'qresync' });
    const stored = fx.view();
    expect(stored.map((m) => m.subject)).toEqual(['First', 'Re: First', 'HTML only']);
    expect(stored[0]).toMatchObject({
      messageId: '<a@test>',
      snippet: 'Lunch on Friday?',
      from: 'bob@example.test',
    });
    expect(stored[0]!.flags).not.toContain('\\Seen');
    expect(stored[1]).toMatchObject({
      inReplyTo: '<a@test>',
      references: ['<a@test>'],
      from: 'carol@example.test',
      snippet: 'Yes, noon.',
    });
    expect(stored[1]!.flags).toContain('\\Seen');
    expect(stored[2]!.flags).toContain('\\Flagged');
    expect(stored[2]!.snippet).toBe('Hello & welcome');
    expect(stored[2]!.bodyText).not.toContain('<');
  });

  it('incremental sync picks up only new messages, without duplicates', async () => {
    for (let i = 1; i <= 3; i++) await server.deliver(buildMessage({ subject: `m${i}` }));
    await sync();
    const again = await sync();
    expect(again).toMatchObject({ added: 0, flagsChanged: 0, removed: 0, reset: false });
    await server.deliver(buildMessage({ subject: 'm4' }));
    await server.deliver(buildMessage({ subject: 'm5' }));
    const next = await sync();
    expect(next.added).toBe(2);
    expect(fx.view().map((m) => m.subject)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
    expect(fx.store.getMailboxState(ACCOUNT, 'INBOX')!.lastSeenUid).toBe(5);
  });

  it('sees flags changed and messages expunged by another client (QRESYNC)', async () => {
    const uids: number[] = [];
    for (let i = 1; i <= 3; i++)
      uids.push((await server.deliver(buildMessage({ subject: `m${i}` })))!);
    await sync();
    await server.setFlags(uids[0]!, ['\\Seen', '\\Flagged'], []);
    await server.expunge(uids[1]!);
    const result = await sync();
    expect(result).toMatchObject({ mode: 'qresync', removed: 1 });
    const stored = fx.view();
    expect(stored.map((m) => m.uid)).toEqual([uids[0], uids[2]]);
    expect(stored[0]!.flags).toEqual(expect.arrayContaining(['\\Flagged', '\\Seen']));
    // The modseq checkpoint is a bigint and matches the server's.
    const state = fx.store.getMailboxState(ACCOUNT, 'INBOX')!;
    expect(typeof state.highestModseq).toBe('bigint');
    expect(typeof state.uidValidity).toBe('bigint');
  });

  it('sees flag changes and expunges without CONDSTORE (full flags and UID diff)', async () => {
    await client.logout();
    client = await connect(true);
    const uids: number[] = [];
    for (let i = 1; i <= 3; i++)
      uids.push((await server.deliver(buildMessage({ subject: `m${i}` })))!);
    expect((await sync()).mode).toBe('full');
    await server.setSeen(uids[2]!, true);
    await server.expunge(uids[0]!);
    const result = await sync();
    expect(result).toMatchObject({ mode: 'full', removed: 1 });
    const stored = fx.view();
    expect(stored.map((m) => m.uid)).toEqual([uids[1], uids[2]]);
    expect(stored[1]!.flags).toContain('\\Seen');
  });

  it('a UIDVALIDITY change resets the mailbox without duplicates', async () => {
    for (let i = 1; i <= 3; i++) await server.deliver(buildMessage({ subject: `m${i}` }));
    await sync();
    const before = fx.store.getMailboxState(ACCOUNT, 'INBOX')!.uidValidity!;
    await client.logout();
    await server.doveadm(
      'mailbox',
      'update',
      '-u',
      'alice',
      '--uid-validity',
      String(Number(before) + 1000),
      'INBOX',
    );
    client = await connect();
    const result = await sync();
    expect(result.reset).toBe(true);
    expect(fx.store.getMailboxState(ACCOUNT, 'INBOX')!.uidValidity).toBe(before + 1000n);
    expect(fx.view().map((m) => m.subject)).toEqual(['m1', 'm2', 'm3']);
  });

  it('resumes after a crash mid-way through the initial sync, losing and duplicating nothing', async () => {
    for (let i = 1; i <= 7; i++) await server.deliver(buildMessage({ subject: `m${i}` }));
    // A store that "crashes" on its second header batch.
    let calls = 0;
    const crashing = Object.create(fx.store) as typeof fx.store;
    crashing.saveMessages = (...args) => {
      if (++calls === 2) throw new Error('killed');
      fx.store.saveMessages(...args);
    };
    await expect(
      syncMailboxOnce(client, crashing, ACCOUNT, 'INBOX', { headerBatch: 3 }),
    ).rejects.toThrow('killed');
    expect(fx.store.getMailboxState(ACCOUNT, 'INBOX')!.lastSeenUid).toBe(0);
    expect(fx.view().map((m) => m.uid)).toEqual([5, 6, 7]); // newest first
    const result = await syncMailboxOnce(client, fx.store, ACCOUNT, 'INBOX', { headerBatch: 3 });
    expect(result.added).toBe(4); // only what was missing
    expect(fx.view().map((m) => m.subject)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7']);
    expect(fx.store.getMailboxState(ACCOUNT, 'INBOX')!.lastSeenUid).toBe(7);
  });

  it('syncs another folder independently of the inbox', async () => {
    await server.deliver(buildMessage({ subject: 'in inbox' }));
    await server.deliver(buildMessage({ subject: 'archived' }), 'Archive');
    await sync('Archive');
    await sync('INBOX');
    expect(fx.view('Archive').map((m) => m.subject)).toEqual(['archived']);
    expect(fx.view('INBOX').map((m) => m.subject)).toEqual(['in inbox']);
  });
});
