import { describe, expect, it } from 'vitest';
import { migrate, openDatabase, schemaVersion } from '../connection';
import { Writer } from '../deltas';
import { createSqliteMailStore } from '../mail-store-sqlite';
import { threadListId } from '../message-lists';
import { migrations } from './index';

const before = migrations.filter((m) => m.version < 15);

function incoming(uid: number, messageId: string, listId?: string) {
  return {
    uid,
    messageId,
    inReplyTo: null,
    references: [],
    subject: `Subject ${uid}`,
    from: { name: 'Bob', address: 'bob@example.com' },
    to: [],
    cc: [],
    date: `2026-01-0${uid}T00:00:00.000Z`,
    flags: [],
    size: 1,
    snippet: '',
    bodyText: null,
    ...(listId ? { listId } : {}),
  };
}

const threadOf = (db: ReturnType<typeof openDatabase>, messageId: string) =>
  (
    db.prepare('SELECT thread_id FROM messages WHERE message_id = ?').get(messageId) as {
      thread_id: number;
    }
  ).thread_id;

describe('migration 0015 (list ids)', () => {
  it('migrates a database with messages, then stores the List-Id of new ones', () => {
    const db = openDatabase(':memory:', before);
    db.exec(`
      INSERT INTO accounts (id, name, kind, settings, created_at) VALUES ('a', 'Work', 'imap', '{}', '');
      INSERT INTO mailboxes (id, account_id, path) VALUES (1, 'a', 'INBOX');
    `);
    const store = createSqliteMailStore(new Writer(db));
    store.saveMessages('a', 'INBOX', [incoming(1, '<old@y>')], {});

    migrate(db, migrations);
    expect(schemaVersion(db)).toBe(migrations[migrations.length - 1]!.version);
    // Messages stored before the migration have no list: their thread falls back to senders.
    expect(threadListId(db, threadOf(db, '<old@y>'))).toBeNull();

    const after = createSqliteMailStore(new Writer(db));
    after.saveMessages('a', 'INBOX', [incoming(2, '<new@y>', 'dev.lists.example.com')], {});
    expect(threadListId(db, threadOf(db, '<new@y>'))).toBe('dev.lists.example.com');

    // The list goes with its message: a message removed takes its list row with it.
    db.prepare('DELETE FROM messages WHERE message_id = ?').run('<new@y>');
    expect(db.prepare('SELECT count(*) AS n FROM message_list_ids').get()).toEqual({ n: 0 });
  });
});
