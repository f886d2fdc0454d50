import { describe, expect, it } from 'vitest';
import { migrate, openDatabase, schemaVersion } from '../connection';
import { rememberLocalState } from '../local-state-carry';
import { migrations } from './index';

describe('migration 0014 (local state carry)', () => {
  it('adds the carry table to a database with snoozed mail, which can then be remembered', () => {
    const db = openDatabase(
      ':memory:',
      migrations.filter((m) => m.version < 14),
    );
    db.exec(`
      INSERT INTO accounts (id, name, kind, settings, created_at) VALUES ('a', 'Mail', 'imap', '{}', '');
      INSERT INTO mailboxes (id, account_id, path) VALUES (1, 'a', 'INBOX');
      INSERT INTO threads (id, account_id, subject, latest_date, message_count, unread_count, flagged_count)
        VALUES (7, 'a', 'Budget', '2026-01-01', 1, 1, 0);
      INSERT INTO messages (account_id, mailbox_id, uid, message_id, subject, date, thread_id)
        VALUES ('a', 1, 1, '<b1@t>', 'Budget', '2026-01-01', 7);
      INSERT INTO snoozes (item_key, account_id, until, created_at)
        VALUES ('mail-thread:7', 'a', '2099-01-01', '');
    `);
    migrate(db, migrations);
    expect(schemaVersion(db)).toBe(migrations.at(-1)!.version);
    expect(rememberLocalState(db, 'a', 'INBOX')).toBe(1);
    expect(db.prepare('SELECT old_thread_id, message_id FROM local_state_carry').all()).toEqual([
      { old_thread_id: 7, message_id: '<b1@t>' },
    ]);
    // Removing the account removes what was remembered for it.
    db.prepare("DELETE FROM accounts WHERE id = 'a'").run();
    expect(db.prepare('SELECT count(*) AS n FROM local_state_carry').get()).toEqual({ n: 0 });
    db.close();
  });
});
