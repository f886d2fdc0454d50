// Which emails of a converted thread follow mode adds: those that reached the thread after
// the conversion, by arrival (migration 0017), whatever their Date header says, and never
// one that is already in the post.
import { describe, expect, it } from 'vitest';
import { insertAccount } from './accounts';
import { openDatabase } from './connection';
import {
  conversionsReachedBy,
  insertConversion,
  newMessageIds,
  updateConversion,
} from './conversions';
import { Writer } from './deltas';
import { createSqliteMailStore } from './mail-store-sqlite';

function message(uid: number, messageId: string, date: string, parent?: string) {
  return {
    uid,
    messageId,
    inReplyTo: parent ?? null,
    references: parent ? [parent] : [],
    subject: parent ? 'Re: Plan' : 'Plan',
    from: { name: 'Bob', address: 'bob@example.test' },
    to: [],
    cc: [],
    date,
    flags: [],
    size: 1,
    snippet: '',
    bodyText: null,
  };
}

function setUp() {
  const db = openDatabase(':memory:');
  insertAccount(db, {
    id: 'mail',
    name: 'Work',
    kind: 'imap',
    imap: { host: '127.0.0.1', port: 1, tls: 'none', user: 'u' },
    createdAt: '',
  });
  // The network's account, by its row alone: the conversion only refers to it.
  db.prepare(
    "INSERT INTO accounts (id, name, kind, settings, created_at) VALUES ('wp', 'Intranet', 'wordpress', '{}', '')",
  ).run();
  const store = createSqliteMailStore(new Writer(db));
  store.saveMessages('mail', 'INBOX', [message(1, '<root@x>', '2026-03-01T10:00:00.000Z')], {});
  const threadId = (
    db.prepare("SELECT thread_id FROM messages WHERE message_id = '<root@x>'").get() as {
      thread_id: number;
    }
  ).thread_id;
  const conversion = insertConversion(db, {
    threadId,
    mailAccountId: 'mail',
    rseAccountId: 'wp',
    spaceRemoteId: '1',
    spaceName: 'Finance',
    title: 'Plan',
    messageIds: ['<root@x>'],
    idempotencyKey: 'k',
    convertedBy: 'me',
    now: '2026-03-01T12:00:00.000Z',
  });
  updateConversion(db, conversion.id, { state: 'posted' });
  return {
    db,
    store,
    conversion: () => db.prepare('SELECT * FROM conversions').get() as typeof conversion,
  };
}

describe('follow mode: emails that reached a converted thread later', () => {
  it('takes a reply stored after the conversion even when its Date is earlier', () => {
    const { db, store, conversion } = setUp();
    // Written at 11:59, before the conversion at 12:00, delivered after it.
    store.saveMessages(
      'mail',
      'INBOX',
      [message(2, '<late@x>', '2026-03-01T11:59:00.000Z', '<root@x>')],
      {},
    );
    expect(newMessageIds(db, conversion())).toEqual(['<late@x>']);
    const rowId = (
      db.prepare("SELECT id FROM messages WHERE message_id = '<late@x>'").get() as {
        id: number;
      }
    ).id;
    expect(conversionsReachedBy(db, [rowId]).map((r) => r.messageId)).toEqual(['<late@x>']);
  });

  it('leaves out what the post already holds, and what was stored before it', () => {
    const { db, store, conversion } = setUp();
    // The same root again in another folder (a copy): already in the post.
    store.saveMessages('mail', 'Archive', [message(1, '<root@x>', '2026-03-01T10:00:00.000Z')], {});
    expect(newMessageIds(db, conversion())).toEqual([]);
  });

  it('keeps the date test for conversions made before the arrival mark existed', () => {
    const { db, store, conversion } = setUp();
    db.prepare('UPDATE conversions SET last_message_row_id = NULL').run();
    store.saveMessages(
      'mail',
      'INBOX',
      [
        message(2, '<early@x>', '2026-03-01T11:00:00.000Z', '<root@x>'),
        message(3, '<after@x>', '2026-03-01T13:00:00.000Z', '<root@x>'),
      ],
      {},
    );
    expect(newMessageIds(db, conversion())).toEqual(['<after@x>']);
  });
});
