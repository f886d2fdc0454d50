// Carries the user's local state on mail threads — snoozes, mutes, conversions — across a
// UIDVALIDITY change, by Message-ID. The sync forgets and re-downloads the folder (its
// messages, and threads left empty, are deleted), so that state would otherwise point at
// threads that no longer exist, or at an unrelated thread that reused the id.
//
// remember…() runs just before the reset: the Message-IDs of every thread of the folder
// that carries state go to local_state_carry (migration 0014). restore…() runs after the
// re-sync stored the headers: each remembered thread is found again through thread_links
// (Message-ID → thread) and its state moved there. Both are idempotent, so a kill at any
// point is repaired by the next pass.
import type { Db } from './connection';
import { stmt } from './statements';

const SNOOZE_PREFIX = 'mail-thread:';
const MUTE_PREFIX = 'mail:';

/** Threads of this account with local state, as a subquery bound to (account, account, account). */
const THREADS_WITH_STATE = `
  SELECT CAST(substr(item_key, ${SNOOZE_PREFIX.length + 1}) AS INTEGER) FROM snoozes
    WHERE account_id = ? AND item_key LIKE '${SNOOZE_PREFIX}%'
  UNION SELECT CAST(substr(thread_key, ${MUTE_PREFIX.length + 1}) AS INTEGER) FROM notify_muted_threads
    WHERE account_id = ? AND thread_key LIKE '${MUTE_PREFIX}%'
  UNION SELECT thread_id FROM conversions WHERE mail_account_id = ?`;

/** Before the folder is reset: remembers which of its threads carry state. Returns rows written. */
export function rememberLocalState(db: Db, accountId: string, path: string): number {
  return stmt(
    db,
    `INSERT OR IGNORE INTO local_state_carry (account_id, mailbox_path, old_thread_id, message_id)
     SELECT m.account_id, ?, m.thread_id, m.message_id
       FROM messages m JOIN mailboxes b ON b.id = m.mailbox_id
      WHERE b.account_id = ? AND b.path = ? AND m.message_id IS NOT NULL
        AND m.thread_id IN (${THREADS_WITH_STATE})`,
  ).run(path, accountId, path, accountId, accountId, accountId).changes;
}

/** Cheap check run after every pass: is anything waiting to be restored for this folder? */
export function hasCarriedState(db: Db, accountId: string, path: string): boolean {
  return (
    stmt(
      db,
      'SELECT 1 FROM local_state_carry WHERE account_id = ? AND mailbox_path = ? LIMIT 1',
    ).get(accountId, path) !== undefined
  );
}

interface CarriedThread {
  oldThreadId: number;
  messageIds: string[];
}

function pending(db: Db, accountId: string, path: string): CarriedThread[] {
  const rows = stmt(
    db,
    `SELECT old_thread_id, message_id FROM local_state_carry
      WHERE account_id = ? AND mailbox_path = ? ORDER BY old_thread_id`,
  ).all(accountId, path) as { old_thread_id: number; message_id: string }[];
  const byThread = new Map<number, string[]>();
  for (const row of rows) {
    const list = byThread.get(row.old_thread_id) ?? [];
    list.push(row.message_id);
    byThread.set(row.old_thread_id, list);
  }
  return [...byThread].map(([oldThreadId, messageIds]) => ({ oldThreadId, messageIds }));
}

/** The thread the remembered messages belong to now, if they came back. */
function currentThread(db: Db, accountId: string, carried: CarriedThread): number | null {
  // Messages first (the thread really holds them), thread_links for Message-IDs it only references.
  const lookup = stmt(
    db,
    `SELECT thread_id FROM messages WHERE account_id = ? AND message_id = ? AND thread_id IS NOT NULL
     UNION ALL
     SELECT thread_id FROM thread_links WHERE account_id = ? AND message_id = ?
     LIMIT 1`,
  );
  for (const messageId of carried.messageIds) {
    const row = lookup.get(accountId, messageId, accountId, messageId) as
      { thread_id: number } | undefined;
    if (row) return row.thread_id;
  }
  return null;
}

/** Moves every kind of state from one thread id to another (through a neutral key, see below). */
function moveState(
  db: Db,
  accountId: string,
  from: string,
  to: string,
  fromId: number,
  toId: number,
) {
  stmt(db, 'UPDATE OR REPLACE snoozes SET item_key = ? WHERE item_key = ? AND account_id = ?').run(
    `${SNOOZE_PREFIX}${to}`,
    `${SNOOZE_PREFIX}${from}`,
    accountId,
  );
  stmt(
    db,
    'UPDATE OR REPLACE notify_muted_threads SET thread_key = ? WHERE thread_key = ? AND account_id = ?',
  ).run(`${MUTE_PREFIX}${to}`, `${MUTE_PREFIX}${from}`, accountId);
  stmt(db, 'UPDATE conversions SET thread_id = ? WHERE thread_id = ? AND mail_account_id = ?').run(
    toId,
    fromId,
    accountId,
  );
}

export interface RestoreResult {
  /** Thread ids that received state (the UI refreshes them). */
  moved: number[];
  /** Threads whose messages did not come back (dropped when `final`). */
  missing: number;
}

/**
 * After the re-sync stored headers: puts remembered state on the threads its messages
 * belong to now. `final`: the folder is fully re-synced, so threads that did not come
 * back (deleted on the server meanwhile, outside the sync window) are forgotten.
 * Runs inside the caller's transaction.
 */
export function restoreLocalState(
  db: Db,
  accountId: string,
  path: string,
  final: boolean,
): RestoreResult {
  const result: RestoreResult = { moved: [], missing: 0 };
  const moves: { from: number; to: number }[] = [];
  const done: number[] = [];
  for (const carried of pending(db, accountId, path)) {
    const now = currentThread(db, accountId, carried);
    if (now === null) {
      result.missing++;
      if (final) done.push(carried.oldThreadId);
      continue;
    }
    if (now !== carried.oldThreadId) moves.push({ from: carried.oldThreadId, to: now });
    done.push(carried.oldThreadId);
  }
  // Ids are reused (a new thread can get a deleted one's id), so one move's target can be
  // another's source: every source first goes to a neutral key, then to its target.
  for (const { from } of moves)
    moveState(db, accountId, String(from), `carry-${from}`, from, -from);
  for (const { from, to } of moves)
    moveState(db, accountId, `carry-${from}`, String(to), -from, to);
  result.moved = moves.map((m) => m.to);
  const forget = stmt(
    db,
    'DELETE FROM local_state_carry WHERE account_id = ? AND mailbox_path = ? AND old_thread_id = ?',
  );
  for (const id of done) forget.run(accountId, path, id);
  return result;
}
