// Migration 0006 over a database with mail in it, and the unread counts per mode.
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase, schemaVersion } from '../db/connection';
import { migrations } from '../db/migrations';
import { readSettings, setThreadMuted, isThreadMuted, unreadMailCount } from './notify-store';

describe('notification tables', () => {
  it('migrate from the previous version, keeping mail, with default settings', () => {
    const previous = migrations.filter((m) => m.version < 6);
    const db = openDatabase(':memory:', previous);
    db.exec(`
      INSERT INTO accounts (id, name, kind, settings, created_at) VALUES ('a', 'Work', 'imap', '{}', '');
      INSERT INTO mailboxes (id, account_id, path) VALUES (1, 'a', 'INBOX'), (2, 'a', 'Archive');
      INSERT INTO messages (account_id, mailbox_id, uid, subject, date, seen)
        VALUES ('a', 1, 1, 's', '', 0), ('a', 1, 2, 's', '', 1), ('a', 2, 3, 's', '', 0);
    `);
    // Exactly this migration on top of the previous version, whatever comes later.
    migrate(
      db,
      migrations.filter((m) => m.version <= 6),
    );
    expect(schemaVersion(db)).toBe(6);
    expect(readSettings(db)).toMatchObject({ unreadCountMode: 'all', dnd: { active: false } });
    expect(unreadMailCount(db, 'all')).toBe(2);
    expect(unreadMailCount(db, 'inbox-mentions')).toBe(1);
    expect(unreadMailCount(db, 'mentions')).toBe(0);
    setThreadMuted(db, 'a', 'mail:1', true);
    expect(isThreadMuted(db, 'a', 'mail:1')).toBe(true);
    // Removing the account takes its mutes with it.
    db.exec(`DELETE FROM accounts WHERE id = 'a'`);
    expect(isThreadMuted(db, 'a', 'mail:1')).toBe(false);
  });

  it('falls back to defaults when the stored settings no longer parse', () => {
    const db = openDatabase(':memory:');
    db.prepare(`INSERT INTO notify_settings (key, value) VALUES ('settings', ?)`).run(
      JSON.stringify({ unreadCountMode: 'bogus' }),
    );
    expect(readSettings(db).unreadCountMode).toBe('all');
  });
});
