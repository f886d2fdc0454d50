import { describe, expect, it } from 'vitest';
import { migrate, openDatabase, schemaVersion } from '../connection';
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-mime-search';

describe('migration 0002 (mime, search)', () => {
  it('migrates a version 1 database with data, indexing its messages', () => {
    const db = openDatabase(':memory:', [migration0001]);
    db.exec(`
      INSERT INTO accounts (id, name, kind, settings, created_at) VALUES ('a', 'Work', 'imap', '{}', '');
      INSERT INTO mailboxes (id, account_id, path) VALUES (1, 'a', 'INBOX');
      INSERT INTO threads (id, account_id, subject, latest_date, message_count, unread_count, flagged_count)
        VALUES (1, 'a', 'Budget', '2026-01-01T00:00:00.000Z', 1, 1, 0);
      INSERT INTO messages (id, account_id, mailbox_id, uid, message_id, subject, from_json, to_json, date, body_text, thread_id)
        VALUES (7, 'a', 1, 1, '<x@y>', 'Budget', '{"name":"Ada","address":"ada@example.com"}',
          '[{"address":"bob@example.com"}]', '2026-01-01T00:00:00.000Z', 'numbers inside', 1);
    `);
    migrate(db, [migration0001, migration0002]);
    expect(schemaVersion(db)).toBe(2);
    const hit = (q: string) =>
      db.prepare('SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?').all(q);
    expect(hit('numbers')).toEqual([{ rowid: 7 }]);
    expect(hit('sender : ada')).toEqual([{ rowid: 7 }]);
    expect(hit('recipients : bob')).toEqual([{ rowid: 7 }]);
    expect(db.prepare('SELECT has_attachments, body_html FROM messages').get()).toEqual({
      has_attachments: 0,
      body_html: null,
    });
    // The triggers keep the index in step from now on.
    db.prepare('DELETE FROM messages WHERE id = 7').run();
    expect(hit('numbers')).toEqual([]);
    db.close();
  });

  it('uses the intended indexes', () => {
    const db = openDatabase(':memory:', [migration0001, migration0002]);
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[])
        .map((r) => r.detail)
        .join('\n');
    expect(plan('SELECT id FROM messages ORDER BY date DESC, id DESC LIMIT 10')).toContain(
      'messages_by_date',
    );
    expect(
      plan(
        "SELECT id FROM threads WHERE account_id = 'a' AND subject_key = 'x' AND subject_key <> '' AND latest_date BETWEEN '1' AND '2'",
      ),
    ).toContain('threads_by_subject');
    expect(plan('SELECT * FROM attachments WHERE message_id = 1')).toContain(
      'attachments_by_message',
    );
    db.close();
  });
});
