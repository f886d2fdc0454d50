// Migration 0006 over a database with mail in it, and the unread counts per mode.
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase, schemaVersion } from '../db/connection';
import { migrations } from '../db/migrations';
import {
  isThreadMuted,
  mutedKey,
  mutedThreadKeys,
  notifiedAmong,
  readSettings,
  recordNotified,
  setThreadMuted,
  unreadMailCount,
  wasNotified,
} from './notify-store';

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

  it('records and finds notified keys in bulk, across query chunks, without duplicates', () => {
    const db = openDatabase(':memory:');
    const keys = Array.from({ length: 1_203 }, (_, i) => `mail:a:<m${i}@x>`);
    const now = new Date('2026-06-01T10:00:00Z');
    recordNotified(
      db,
      keys.filter((_, i) => i % 2 === 0),
      now,
    );
    // A second process on the profile records some of the same keys again.
    recordNotified(db, keys.slice(0, 10), now);
    const found = notifiedAmong(db, [...keys, 'mail:a:<never@x>']);
    expect(found.size).toBe(602 + 5);
    for (const [i, key] of keys.entries()) {
      expect(found.has(key), key).toBe(i % 2 === 0 || i < 10);
      if (i % 100 === 0) expect(wasNotified(db, key)).toBe(found.has(key));
    }
    expect(db.prepare('SELECT count(*) AS n FROM notify_sent').get()).toEqual({ n: 607 });
    expect(notifiedAmong(db, [])).toEqual(new Set());
  });

  it('reads every muted thread of every account at once', () => {
    const db = openDatabase(':memory:');
    db.exec(`INSERT INTO accounts (id, name, kind, settings, created_at)
      VALUES ('a', 'Work', 'imap', '{}', ''), ('b', 'Home', 'imap', '{}', '')`);
    setThreadMuted(db, 'a', 'mail:1', true);
    setThreadMuted(db, 'b', 'mail:2', true);
    const muted = mutedThreadKeys(db);
    expect(muted.has(mutedKey('a', 'mail:1'))).toBe(true);
    expect(muted.has(mutedKey('b', 'mail:2'))).toBe(true);
    expect(muted.has(mutedKey('a', 'mail:2'))).toBe(false);
  });
});
