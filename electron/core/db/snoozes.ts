// The snoozes table (migration 0008): timeline items hidden until a time. Keys are
// timeline item ids, so the same rows serve mail threads and RSE posts.
import type { SnoozeInfo } from '../../../shared/requests/triage';
import type { Db } from './connection';
import { stmt } from './statements';

export type ItemKey = `mail-thread:${number}` | `rse-post:${number}`;

export interface ItemRef {
  key: string;
  source: 'mail' | 'rse';
  n: number;
}

export function parseItemKey(key: string): ItemRef | null {
  const match = /^(mail-thread|rse-post):(\d+)$/.exec(key);
  if (!match) return null;
  return { key, source: match[1] === 'mail-thread' ? 'mail' : 'rse', n: Number(match[2]) };
}

/** The item's account, or null when it no longer exists (merged thread, removed account). */
export function accountOfItem(db: Db, ref: ItemRef): string | null {
  const sql =
    ref.source === 'mail'
      ? 'SELECT account_id FROM threads WHERE id = ?'
      : "SELECT account_id FROM rse_items WHERE id = ? AND kind = 'post'";
  const row = stmt(db, sql).get(ref.n) as { account_id: string } | undefined;
  return row?.account_id ?? null;
}

export function setSnooze(db: Db, key: string, accountId: string, until: string): void {
  stmt(
    db,
    `INSERT INTO snoozes (item_key, account_id, until, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (item_key) DO UPDATE SET until = excluded.until`,
  ).run(key, accountId, until, new Date().toISOString());
}

export function deleteSnooze(db: Db, key: string): boolean {
  return stmt(db, 'DELETE FROM snoozes WHERE item_key = ?').run(key).changes > 0;
}

export function listSnoozes(db: Db): SnoozeInfo[] {
  const rows = stmt(db, 'SELECT item_key, until FROM snoozes ORDER BY until').all() as {
    item_key: string;
    until: string;
  }[];
  return rows.map((r) => ({ itemId: r.item_key, until: r.until }));
}

/** Keys whose time has come (ISO strings in UTC compare as times). */
export function dueSnoozes(db: Db, now: Date): string[] {
  const rows = stmt(db, 'SELECT item_key FROM snoozes WHERE until <= ? ORDER BY until').all(
    now.toISOString(),
  ) as { item_key: string }[];
  return rows.map((r) => r.item_key);
}

export function nextSnoozeAt(db: Db): Date | null {
  const row = stmt(db, 'SELECT min(until) AS until FROM snoozes').get() as {
    until: string | null;
  };
  return row.until ? new Date(row.until) : null;
}

export function isAccountPaused(db: Db, accountId: string): boolean {
  return (
    stmt(db, 'SELECT 1 FROM paused_accounts WHERE account_id = ?').get(accountId) !== undefined
  );
}

export function setAccountPaused(db: Db, accountId: string, paused: boolean): void {
  if (paused) {
    stmt(
      db,
      'INSERT INTO paused_accounts (account_id, paused_at) VALUES (?, ?) ON CONFLICT DO NOTHING',
    ).run(accountId, new Date().toISOString());
  } else stmt(db, 'DELETE FROM paused_accounts WHERE account_id = ?').run(accountId);
}

/**
 * Puts a woken item on top as if it had just arrived: its date becomes `at`, and woken_at
 * (migration 0017) keeps it there when the date is recomputed from messages or comments,
 * until something newer than the wake-up happens in it.
 */
export function markWoken(db: Db, ref: ItemRef, at: string): void {
  const sql =
    ref.source === 'mail'
      ? 'UPDATE threads SET woken_at = @at, latest_date = max(latest_date, @at) WHERE id = @n'
      : `UPDATE rse_items SET woken_at = @at, activity_at = max(coalesce(activity_at, ''), @at)
           WHERE id = @n AND kind = 'post'`;
  stmt(db, sql).run({ at, n: ref.n });
}
