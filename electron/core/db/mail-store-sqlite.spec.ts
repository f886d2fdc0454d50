import { beforeEach, describe, expect, it } from 'vitest';
import type { Delta } from '../../../shared/contract';
import type { IncomingMessage, MailStore } from '../mail/mail-store';
import { insertAccount } from './accounts';
import { openDatabase, type Db } from './connection';
import { Writer } from './deltas';
import { createSqliteMailStore } from './mail-store-sqlite';
import { getThread, listThreads, timelinePage } from './timeline';

let db: Db;
let store: MailStore;
let committed: Delta[][];

function message(uid: number, overrides: Partial<IncomingMessage> = {}): IncomingMessage {
  return {
    uid,
    messageId: `<m${uid}@example.com>`,
    inReplyTo: null,
    references: [],
    subject: `Subject ${uid}`,
    from: { name: 'Ada', address: 'ada@example.com' },
    to: [{ address: 'bob@example.com' }],
    cc: [],
    date: new Date(Date.UTC(2026, 0, 1, 0, uid)).toISOString(),
    flags: [],
    size: 100,
    snippet: `Snippet ${uid}`,
    bodyText: null,
    ...overrides,
  };
}

beforeEach(() => {
  db = openDatabase(':memory:');
  insertAccount(db, {
    id: 'acc',
    name: 'Work',
    kind: 'imap',
    imap: { host: 'h', port: 1, tls: 'tls', user: 'u' },
    createdAt: '',
  });
  const writer = new Writer(db);
  committed = [];
  writer.onDidCommit((deltas) => committed.push(deltas));
  store = createSqliteMailStore(writer);
});

describe('saveMessages', () => {
  it('stores a batch and its checkpoint together, and a replay adds no duplicate', () => {
    store.saveMessages('acc', 'INBOX', [message(1), message(2)], {
      highestModseq: 10n,
      lastSeenUid: 2,
    });
    store.saveMessages('acc', 'INBOX', [message(1), message(2)], {
      highestModseq: 10n,
      lastSeenUid: 2,
    });
    expect(store.listUids('acc', 'INBOX')).toEqual([1, 2]);
    expect(store.getMailboxState('acc', 'INBOX')).toMatchObject({
      lastSeenUid: 2,
      highestModseq: 10n,
    });
    expect(listThreads(db)).toHaveLength(2);
  });

  it('leaves the checkpoint alone when a batch does not advance it (newest-first fetches)', () => {
    store.saveMessages('acc', 'INBOX', [message(90), message(100)], {});
    expect(store.getMailboxState('acc', 'INBOX')?.lastSeenUid).toBe(0);
    store.saveMessages('acc', 'INBOX', [message(1)], { lastSeenUid: 100 });
    store.saveMessages('acc', 'INBOX', [message(2)], { lastSeenUid: 50 });
    expect(store.getMailboxState('acc', 'INBOX')?.lastSeenUid).toBe(100);
  });

  it('keeps 64-bit checkpoints exact', () => {
    const big = 2n ** 63n - 1n;
    store.resetMailbox('acc', 'INBOX', big);
    store.saveMessages('acc', 'INBOX', [message(1)], { highestModseq: big });
    expect(store.getMailboxState('acc', 'INBOX')).toMatchObject({
      uidValidity: big,
      highestModseq: big,
    });
  });

  it('threads a reply that arrives before its parent, and merges halves bridged later', () => {
    const reply = message(2, {
      messageId: '<b@x>',
      inReplyTo: '<a@x>',
      references: ['<a@x>'],
    });
    const unrelatedYet = message(3, {
      messageId: '<c@x>',
      references: ['<z@x>'],
    });
    store.saveMessages('acc', 'INBOX', [reply, unrelatedYet], {});
    expect(listThreads(db)).toHaveLength(2);
    // The parent names <z@x> too, bridging both threads into one.
    store.saveMessages(
      'acc',
      'INBOX',
      [message(1, { messageId: '<a@x>', references: ['<z@x>'] })],
      {},
    );
    const threads = listThreads(db);
    expect(threads).toHaveLength(1);
    expect(threads[0]!.messages.map((m) => m.uid)).toEqual([1, 2, 3]);
    expect(threads[0]!.subject).toBe('Subject 1');
  });

  it('announces deltas only after commit, merged per table and op', () => {
    store.saveMessages('acc', 'INBOX', [message(1), message(2)], {});
    expect(committed).toHaveLength(1);
    const inserts = committed[0]!.find((d) => d.table === 'messages' && d.op === 'insert');
    expect(inserts?.ids).toHaveLength(2);
  });
});

describe('flags, removal and reset', () => {
  it('updates unread counts from flags and ignores unchanged flags', () => {
    store.saveMessages('acc', 'INBOX', [message(1)], {});
    expect(timelinePage(db, { limit: 10, unreadOnly: true }).items).toHaveLength(1);
    committed = [];
    store.updateFlags('acc', 'INBOX', [{ uid: 1, flags: ['\\Seen'] }], 12n);
    expect(timelinePage(db, { limit: 10, unreadOnly: true }).items).toHaveLength(0);
    expect(store.getMailboxState('acc', 'INBOX')?.highestModseq).toBe(12n);
    committed = [];
    store.updateFlags('acc', 'INBOX', [{ uid: 1, flags: ['\\Seen'] }]);
    expect(committed.flat().filter((d) => d.table === 'messages')).toEqual([]);
  });

  it('removes expunged messages and threads left empty', () => {
    store.saveMessages('acc', 'INBOX', [message(1), message(2)], {});
    store.removeMessages('acc', 'INBOX', [1]);
    expect(store.listUids('acc', 'INBOX')).toEqual([2]);
    expect(listThreads(db)).toHaveLength(1);
  });

  it('forgets a mailbox on reset (UIDVALIDITY change) and syncs again without duplicates', () => {
    store.saveMessages('acc', 'INBOX', [message(1), message(2)], {
      highestModseq: 5n,
    });
    store.resetMailbox('acc', 'INBOX', 42n);
    expect(store.listUids('acc', 'INBOX')).toEqual([]);
    expect(store.getMailboxState('acc', 'INBOX')).toMatchObject({
      uidValidity: 42n,
      lastSeenUid: 0,
      highestModseq: null,
    });
    store.saveMessages('acc', 'INBOX', [message(1), message(2)], {});
    expect(listThreads(db)).toHaveLength(2);
  });

  it('stores a body later and keeps it across a header replay', () => {
    store.saveMessages('acc', 'INBOX', [message(1, { snippet: '' })], {});
    expect(store.listUidsMissingBody('acc', 'INBOX', 10)).toEqual([1]);
    store.saveBody('acc', 'INBOX', 1, 'Full body', 'Full body');
    store.saveMessages('acc', 'INBOX', [message(1, { snippet: '' })], {});
    expect(store.listUidsMissingBody('acc', 'INBOX', 10)).toEqual([]);
    const threadId = listThreads(db)[0]!.id;
    expect(getThread(db, threadId)?.messages[0]).toMatchObject({
      text: 'Full body',
      snippet: 'Full body',
    });
  });
});

describe('a body stored with its header', () => {
  const extras = {
    html: '<p>Quarterly figures</p>',
    parseError: null,
    attachments: [
      {
        partId: '2',
        filename: 'budget.xlsx',
        contentType: 'application/vnd.ms-excel',
        size: 10,
        contentId: null,
        disposition: 'attachment',
        inline: false,
        calendarMethod: null,
      },
    ],
  };
  const withBody = message(1, {
    bodyText: 'Quarterly figures',
    snippet: 'Quarterly figures',
    bodyExtras: extras,
  });
  const matches = (query: string) =>
    db.prepare('SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?').all(query);

  it('is stored, listed and searchable in one call, and a replay duplicates nothing', () => {
    store.saveMessages('acc', 'INBOX', [withBody], { lastSeenUid: 1 });
    // A batch redone after a crash brings the same header and body again.
    store.saveMessages('acc', 'INBOX', [withBody], { lastSeenUid: 1 });
    expect(store.listUidsMissingBody('acc', 'INBOX', 10)).toEqual([]);
    const row = db
      .prepare('SELECT id, body_text, body_html, has_attachments, snippet FROM messages')
      .all();
    expect(row).toEqual([
      {
        id: expect.any(Number),
        body_text: 'Quarterly figures',
        body_html: '<p>Quarterly figures</p>',
        has_attachments: 1,
        snippet: 'Quarterly figures',
      },
    ]);
    const id = (row[0] as { id: number }).id;
    expect(db.prepare('SELECT filename, part_id FROM attachments').all()).toEqual([
      { filename: 'budget.xlsx', part_id: '2' },
    ]);
    // Body words, attachment names, subject and sender: one entry, found once each.
    for (const query of ['quarterly', 'budget', 'subject', 'ada']) {
      expect(matches(query), query).toEqual([{ rowid: id }]);
    }
  });

  it('keeps an inline image out of has_attachments but its name searchable', () => {
    const inline = { ...extras.attachments[0]!, filename: 'logo.png', inline: true };
    store.saveMessages(
      'acc',
      'INBOX',
      [message(2, { bodyText: 'Hi', bodyExtras: { ...extras, attachments: [inline] } })],
      {},
    );
    expect(db.prepare('SELECT has_attachments FROM messages').get()).toEqual({
      has_attachments: 0,
    });
    expect(matches('logo')).toHaveLength(1);
  });
});

describe('timeline', () => {
  it('pages newest first with a keyset cursor, each thread exactly once', () => {
    const batch = Array.from({ length: 25 }, (_, i) => message(i + 1));
    // Two threads share a timestamp, so the id tie-breaker matters.
    batch[10] = message(11, { date: batch[9]!.date });
    store.saveMessages('acc', 'INBOX', batch, {});
    const seen: string[] = [];
    let cursor;
    do {
      const page = timelinePage(db, {
        limit: 7,
        unreadOnly: false,
        before: cursor,
      });
      seen.push(...page.items.map((i) => i.threadId));
      cursor = page.next;
    } while (cursor);
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    const dates = listThreads(db).map((t) => t.messages[0]!.date);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('uses the date index for the timeline query', () => {
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT t.id FROM threads t
         WHERE (t.latest_date, t.id) < (?, ?)
         ORDER BY t.latest_date DESC, t.id DESC LIMIT 50`,
      )
      .all('2026', 1) as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/threads_by_date/);
  });
});
