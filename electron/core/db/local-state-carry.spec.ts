// The carry of local state across a folder reset, through the SQLite store: ids that come
// back swapped (the re-download reused them the other way round) must not swap the state.
import { beforeEach, expect, it } from 'vitest';
import type { IncomingMessage, MailStore } from '../mail/mail-store';
import { insertAccount } from './accounts';
import { openDatabase, type Db } from './connection';
import { Writer } from './deltas';
import { createSqliteMailStore } from './mail-store-sqlite';
import { listSnoozes, setSnooze } from './snoozes';

let db: Db;
let store: MailStore;

function message(uid: number, messageId: string): IncomingMessage {
  return {
    uid,
    messageId,
    inReplyTo: null,
    references: [],
    subject: messageId,
    from: { address: 'ada@example.com' },
    to: [],
    cc: [],
    date: new Date(Date.UTC(2026, 0, 1, 0, uid)).toISOString(),
    flags: [],
    size: 1,
    snippet: '',
    bodyText: null,
  };
}

const threadOf = (messageId: string) =>
  (
    db.prepare('SELECT thread_id FROM messages WHERE message_id = ?').get(messageId) as {
      thread_id: number;
    }
  ).thread_id;

beforeEach(() => {
  db = openDatabase(':memory:');
  insertAccount(db, {
    id: 'acc',
    name: 'Work',
    kind: 'imap',
    imap: { host: 'h', port: 1, tls: 'tls', user: 'u' },
    createdAt: '',
  });
  store = createSqliteMailStore(new Writer(db));
});

it('follows each thread when the re-download hands their ids out the other way round', () => {
  store.resetMailbox('acc', 'INBOX', 1n);
  store.saveMessages('acc', 'INBOX', [message(1, '<a@t>'), message(2, '<b@t>')], {
    lastSeenUid: 2,
  });
  const [a, b] = [threadOf('<a@t>'), threadOf('<b@t>')];
  setSnooze(db, `mail-thread:${a}`, 'acc', '2099-01-01T00:00:00.000Z');
  setSnooze(db, `mail-thread:${b}`, 'acc', '2098-01-01T00:00:00.000Z');

  store.rememberLocalState!('acc', 'INBOX');
  store.resetMailbox('acc', 'INBOX', 2n);
  // Stored in the opposite order: b gets the first free id, which was a's.
  store.saveMessages('acc', 'INBOX', [message(1, '<b@t>')], { lastSeenUid: 1 });
  store.saveMessages('acc', 'INBOX', [message(2, '<a@t>')], { lastSeenUid: 2 });
  expect(threadOf('<b@t>')).toBe(a);
  store.restoreLocalState!('acc', 'INBOX', true);

  expect(Object.fromEntries(listSnoozes(db).map((s) => [s.itemId, s.until]))).toEqual({
    [`mail-thread:${threadOf('<a@t>')}`]: '2099-01-01T00:00:00.000Z',
    [`mail-thread:${threadOf('<b@t>')}`]: '2098-01-01T00:00:00.000Z',
  });
});

it('forgets, once the pass is complete, a thread whose messages did not come back', () => {
  store.resetMailbox('acc', 'INBOX', 1n);
  store.saveMessages('acc', 'INBOX', [message(1, '<gone@t>')], { lastSeenUid: 1 });
  setSnooze(db, `mail-thread:${threadOf('<gone@t>')}`, 'acc', '2099-01-01T00:00:00.000Z');
  store.rememberLocalState!('acc', 'INBOX');
  store.resetMailbox('acc', 'INBOX', 2n);

  const pending = () =>
    (db.prepare('SELECT count(*) AS n FROM local_state_carry').get() as { n: number }).n;
  store.restoreLocalState!('acc', 'INBOX', false);
  expect(pending()).toBe(1);
  store.restoreLocalState!('acc', 'INBOX', true);
  expect(pending()).toBe(0);
});
