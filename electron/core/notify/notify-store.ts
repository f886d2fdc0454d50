// The notification tables (migration 0006): settings, muted threads, what was notified.
// Settings are re-read for every decision, so a change made by another process on the
// same profile (the CLI while the app runs) applies at once.
import { NotifySettings, type UnreadCountMode } from '../../../shared/requests/notify';
import type { Db } from '../db/connection';
import { stmt } from '../db/statements';

const SETTINGS_KEY = 'settings';
/** How long notified keys are remembered; older mail is not "new" when re-downloaded anyway. */
const REMEMBER_DAYS = 180;

export function readSettings(db: Db): NotifySettings {
  const row = stmt(db, 'SELECT value FROM notify_settings WHERE key = ?').get(SETTINGS_KEY) as
    { value: string } | undefined;
  // A document that no longer parses (hand-edited, or from a newer version) falls back to
  // the defaults rather than silencing every notification.
  const parsed = NotifySettings.safeParse(row ? JSON.parse(row.value) : {});
  return parsed.success ? parsed.data : NotifySettings.parse({});
}

export function writeSettings(db: Db, settings: NotifySettings): void {
  stmt(
    db,
    `INSERT INTO notify_settings (key, value) VALUES (?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  ).run(SETTINGS_KEY, JSON.stringify(settings));
}

const LOCALE_KEY = 'locale';

/** The window's language (BCP 47), which notifications are written in; null until told. */
export function readLocale(db: Db): string | null {
  const row = stmt(db, 'SELECT value FROM notify_settings WHERE key = ?').get(LOCALE_KEY) as
    { value: string } | undefined;
  return row ? row.value : null;
}

export function writeLocale(db: Db, locale: string): void {
  stmt(
    db,
    `INSERT INTO notify_settings (key, value) VALUES (?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  ).run(LOCALE_KEY, locale);
}

export function isThreadMuted(db: Db, accountId: string, threadKey: string): boolean {
  return (
    stmt(db, 'SELECT 1 FROM notify_muted_threads WHERE account_id = ? AND thread_key = ?').get(
      accountId,
      threadKey,
    ) !== undefined
  );
}

export function setThreadMuted(db: Db, accountId: string, threadKey: string, muted: boolean): void {
  if (muted) {
    stmt(
      db,
      `INSERT INTO notify_muted_threads (account_id, thread_key, muted_at) VALUES (?, ?, ?)
         ON CONFLICT DO NOTHING`,
    ).run(accountId, threadKey, new Date().toISOString());
  } else {
    stmt(db, 'DELETE FROM notify_muted_threads WHERE account_id = ? AND thread_key = ?').run(
      accountId,
      threadKey,
    );
  }
}

/** Every muted thread as `account id \0 thread key`: a handful, read once per commit. */
export function mutedThreadKeys(db: Db): Set<string> {
  const rows = stmt(db, 'SELECT account_id, thread_key FROM notify_muted_threads').all() as {
    account_id: string;
    thread_key: string;
  }[];
  return new Set(rows.map((r) => mutedKey(r.account_id, r.thread_key)));
}

export function mutedKey(accountId: string, threadKey: string): string {
  return `${accountId}\u0000${threadKey}`;
}

export function wasNotified(db: Db, key: string): boolean {
  return stmt(db, 'SELECT 1 FROM notify_sent WHERE item_key = ?').get(key) !== undefined;
}

const KEYS_PER_QUERY = 500;

/**
 * The keys among these that were already notified. One query per 500 keys: a catch-up
 * commits thousands of new messages at a time, and a lookup per key cost ~0.6 s per 20,000.
 */
export function notifiedAmong(db: Db, keys: readonly string[]): Set<string> {
  const found = new Set<string>();
  const query = stmt(
    db,
    'SELECT item_key FROM notify_sent WHERE item_key IN (SELECT value FROM json_each(?))',
  );
  for (let i = 0; i < keys.length; i += KEYS_PER_QUERY) {
    const chunk = JSON.stringify(keys.slice(i, i + KEYS_PER_QUERY));
    for (const row of query.all(chunk) as { item_key: string }[]) found.add(row.item_key);
  }
  return found;
}

export function recordNotified(db: Db, keys: string[], now: Date): void {
  // One statement per 500 keys: a first sync's summary records every message it brought.
  const insert = stmt(
    db,
    `INSERT INTO notify_sent (item_key, notified_at)
       SELECT value, ? FROM json_each(?) WHERE true ON CONFLICT DO NOTHING`,
  );
  for (let i = 0; i < keys.length; i += KEYS_PER_QUERY) {
    insert.run(now.toISOString(), JSON.stringify(keys.slice(i, i + KEYS_PER_QUERY)));
  }
}

export function pruneNotified(db: Db, now: Date): void {
  const cutoff = new Date(now.getTime() - REMEMBER_DAYS * 86_400_000).toISOString();
  stmt(db, 'DELETE FROM notify_sent WHERE notified_at < ?').run(cutoff);
}

/**
 * Unread messages for the badge. Mail has no mentions, so `mentions` counts none of it;
 * RSE sources add their unread mentions (and posts, for `all`) through `extra`.
 */
export function unreadMailCount(db: Db, mode: UnreadCountMode): number {
  if (mode === 'mentions') return 0;
  const sql =
    mode === 'all'
      ? 'SELECT count(*) AS n FROM messages WHERE seen = 0'
      : `SELECT count(*) AS n FROM messages m JOIN mailboxes mb ON mb.id = m.mailbox_id
           WHERE m.seen = 0 AND upper(mb.path) = 'INBOX'`;
  return (stmt(db, sql).get() as { n: number }).n;
}
