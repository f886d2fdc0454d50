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

export function wasNotified(db: Db, key: string): boolean {
  return stmt(db, 'SELECT 1 FROM notify_sent WHERE item_key = ?').get(key) !== undefined;
}

export function recordNotified(db: Db, keys: string[], now: Date): void {
  const insert = stmt(
    db,
    'INSERT INTO notify_sent (item_key, notified_at) VALUES (?, ?) ON CONFLICT DO NOTHING',
  );
  for (const key of keys) insert.run(key, now.toISOString());
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
