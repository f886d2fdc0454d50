import { describe, expect, it } from 'vitest';
import { parseSearchQuery } from '../../../../shared/search-query';
import { migrate, openDatabase, schemaVersion } from '../connection';
import { Writer } from '../deltas';
import { createSqliteMailStore } from '../mail-store-sqlite';
import { searchMessages } from '../search';
import { migrations } from './index';

const before = migrations.filter((m) => m.version < 11);
const QUERIES = [
  'budget',
  'from:ada',
  'to:bob@example.com',
  'subject:lunch',
  'report.pdf',
  'numbers -budget',
  'carol',
];

function ids(db: ReturnType<typeof openDatabase>, q: string): string[] {
  return searchMessages(db, parseSearchQuery(q), { limit: 50 }).items.map((h) => h.messageId);
}

describe('migration 0011 (fast index)', () => {
  it('migrates a version 10 database with data, with identical search results', () => {
    const db = openDatabase(':memory:', before);
    // Written by the previous version's triggers: a message with a body and an attachment,
    // one still without a body.
    db.exec(`
      INSERT INTO accounts (id, name, kind, settings, created_at) VALUES ('a', 'Work', 'imap', '{}', '');
      INSERT INTO mailboxes (id, account_id, path) VALUES (1, 'a', 'INBOX');
      INSERT INTO messages (id, account_id, mailbox_id, uid, message_id, subject, from_json, to_json, cc_json, date)
        VALUES (7, 'a', 1, 1, '<x@y>', 'Budget', '{"name":"Ada","address":"ada@example.com"}',
          '[{"address":"bob@example.com"}]', '[{"name":"Carol","address":"carol@corp.test"}]',
          '2026-01-01T00:00:00.000Z'),
        (8, 'a', 1, 2, '<z@y>', 'Lunch', '{"address":"dan@example.com"}', '[]', '[]',
          '2026-01-02T00:00:00.000Z');
      INSERT INTO attachments (message_id, filename, content_type, size) VALUES (7, 'report.pdf', 'application/pdf', 1);
      UPDATE messages SET body_text = 'numbers inside', has_attachments = 1 WHERE id = 7;
    `);
    const expected = QUERIES.map((q) => ids(db, q));
    expect(expected).toEqual([['7'], ['7'], ['7'], ['8'], ['7'], [], ['7']]);

    migrate(db, migrations);
    expect(schemaVersion(db)).toBe(migrations[migrations.length - 1]!.version);
    expect(QUERIES.map((q) => ids(db, q))).toEqual(expected);

    // From now on the store indexes: new headers at once, then their body.
    const store = createSqliteMailStore(new Writer(db));
    const incoming = {
      uid: 3,
      messageId: '<n@y>',
      inReplyTo: null,
      references: [],
      subject: 'Quarterly forecast',
      from: { name: 'Eve', address: 'eve@example.com' },
      to: [],
      cc: [],
      date: '2026-01-03T00:00:00.000Z',
      flags: [],
      size: 1,
      snippet: '',
      bodyText: null,
    };
    store.saveMessages('a', 'INBOX', [incoming], {});
    expect(ids(db, 'forecast')).toHaveLength(1);
    expect(ids(db, 'from:eve')).toHaveLength(1);
    store.saveBody('a', 'INBOX', 3, 'spreadsheet attached', 'spreadsheet', {
      html: null,
      attachments: [
        {
          partId: '2',
          filename: 'q3.xlsx',
          contentType: 'application/vnd.ms-excel',
          size: 1,
          contentId: null,
          disposition: 'attachment',
          inline: false,
          calendarMethod: null,
        },
      ],
      parseError: null,
    });
    expect(ids(db, 'spreadsheet forecast q3.xlsx')).toHaveLength(1);
    // A header replay that renames the subject is reindexed by the remaining trigger.
    store.saveMessages('a', 'INBOX', [{ ...incoming, subject: 'Annual outlook' }], {});
    expect(ids(db, 'forecast')).toEqual([]);
    expect(ids(db, 'outlook spreadsheet')).toHaveLength(1);
    // Deletes still leave the index.
    store.removeMessages('a', 'INBOX', [3]);
    expect(ids(db, 'outlook')).toEqual([]);
    db.close();
  });

  it('keeps only the delete and header-change triggers on messages', () => {
    const db = openDatabase(':memory:');
    const triggers = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'messages'")
      .all()
      .map((r) => (r as { name: string }).name)
      .filter((n) => n.startsWith('messages_fts'))
      .sort();
    expect(triggers).toEqual(['messages_fts_delete', 'messages_fts_headers']);
    db.close();
  });
});
