import { beforeEach, describe, expect, it } from 'vitest';
import { parseSearchQuery } from '../../../shared/search-query';
import type { IncomingMessage, MailStore } from '../mail/mail-store';
import { insertAccount } from './accounts';
import { openDatabase, type Db } from './connection';
import { Writer } from './deltas';
import { createSqliteMailStore } from './mail-store-sqlite';
import { searchMessages, termExpression } from './search';

let db: Db;
let store: MailStore;

function message(uid: number, overrides: Partial<IncomingMessage> = {}): IncomingMessage {
  return {
    uid,
    messageId: `<m${uid}@example.com>`,
    inReplyTo: null,
    references: [],
    subject: `Subject ${uid}`,
    from: { name: 'Ada Lovelace', address: 'ada@example.com' },
    to: [{ name: 'Bob', address: 'bob@example.com' }],
    cc: [],
    date: new Date(Date.UTC(2026, 2, uid)).toISOString(),
    flags: ['\\Seen'],
    size: 100,
    snippet: '',
    bodyText: null,
    ...overrides,
  };
}

const search = (q: string, limit = 50) => searchMessages(db, parseSearchQuery(q), { limit });
const SUBJECT_UID: Record<string, number> = {
  'Quarterly budget plan': 1,
  Lunch: 2,
  'Déjà vu': 3,
  'Report 4': 4,
};
const uids = (q: string) =>
  search(q)
    .items.map((h) => SUBJECT_UID[h.subject])
    .sort((a, b) => a! - b!);

beforeEach(() => {
  db = openDatabase(':memory:');
  insertAccount(db, {
    id: 'acc',
    name: 'Work',
    kind: 'imap',
    imap: { host: 'h', port: 1, tls: 'tls', user: 'u' },
    createdAt: '',
  } as Parameters<typeof insertAccount>[1]);
  store = createSqliteMailStore(new Writer(db));
  store.saveMessages(
    'acc',
    'INBOX',
    [
      message(1, { subject: 'Quarterly budget plan' }),
      message(2, { subject: 'Lunch', flags: [], from: { address: 'carol@corp.test' } }),
      message(3, { subject: 'Déjà vu', flags: ['\\Flagged', '\\Seen'] }),
    ],
    {},
  );
  store.saveMessages('acc', 'INBOX.Sent', [message(4, { subject: 'Report 4' })], {});
  store.saveBody('acc', 'INBOX', 1, 'The plan for the budget of next quarter.', 'The plan');
  store.saveBody('acc', 'INBOX', 2, 'Shall we meet at noon?', 'Shall', {
    html: '<p>Shall we meet at noon?</p>',
    parseError: null,
    attachments: [
      {
        partId: '2',
        filename: 'menu-2026.pdf',
        contentType: 'application/pdf',
        size: 1234,
        contentId: null,
        disposition: 'attachment',
        inline: false,
        calendarMethod: null,
      },
    ],
  });
});

describe('searchMessages', () => {
  it('finds words in subject, body, participants and attachment names', () => {
    expect(uids('budget')).toEqual([1]);
    expect(uids('noon')).toEqual([2]);
    expect(uids('menu')).toEqual([2]);
    expect(uids('carol')).toEqual([2]);
    expect(uids('deja')).toEqual([3]); // diacritics folded
    expect(uids('budget noon')).toEqual([]);
  });

  it('honours phrases, prefixes, negation and fields', () => {
    expect(uids('"budget plan"')).toEqual([1]);
    expect(uids('"plan budget"')).toEqual([]);
    expect(uids('quart*')).toEqual([1]);
    expect(uids('subject:subject -subject:report')).toEqual([]);
    expect(uids('from:ada@example.com')).toEqual([1, 3, 4]);
    expect(uids('from:carol@corp.test')).toEqual([2]);
    expect(uids('to:bob')).toEqual([1, 2, 3, 4]);
    expect(uids('-from:ada')).toEqual([2]);
  });

  it('applies filters', () => {
    expect(uids('is:unread')).toEqual([2]);
    expect(uids('is:flagged')).toEqual([3]);
    expect(uids('has:attachment')).toEqual([2]);
    expect(uids('in:sent')).toEqual([4]);
    expect(uids('in:INBOX from:ada')).toEqual([1, 3]);
    expect(uids('after:2026-03-02 before:2026-03-04')).toEqual([2, 3]);
    expect(uids('source:wordpress budget')).toEqual([]);
    expect(search('   ').items).toEqual([]);
  });

  it('pages newest first with a cursor', () => {
    const first = searchMessages(db, parseSearchQuery('from:ada'), { limit: 2 });
    expect(first.items.map((h) => h.subject)).toEqual(['Report 4', 'Déjà vu']);
    const second = searchMessages(db, parseSearchQuery('from:ada'), {
      limit: 2,
      before: first.next,
    });
    expect(second.items.map((h) => h.subject)).toEqual(['Quarterly budget plan']);
    expect(second.next).toBeUndefined();
  });

  it('forgets expunged messages and reindexes changed ones', () => {
    store.removeMessages('acc', 'INBOX', [1]);
    expect(uids('budget')).toEqual([]);
    store.saveBody('acc', 'INBOX', 3, 'Now about the budget too', 'Now');
    expect(uids('budget')).toEqual([3]);
  });

  it('never lets input change the FTS expression', () => {
    for (const nasty of ['"', 'a" OR "b', 'NEAR(a b)', '*', 'col:umn', '^x', '(((']) {
      expect(() => search(nasty)).not.toThrow();
    }
    expect(
      termExpression({
        field: 'any',
        text: 'a" OR b',
        phrase: false,
        prefix: false,
        negated: false,
      }),
    ).toBe('("a" AND "OR" AND "b")');
  });
});
