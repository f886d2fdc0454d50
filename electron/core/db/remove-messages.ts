// Forgets messages the server expunged at the user's request (delete forever, empty
// Trash), by UID in their folder, and re-threads the conversations they leave.
import type { Db } from './connection';
import type { DeltaCollector } from './deltas';
import { stmt } from './statements';
import { rethreadAfterRemoval } from './threads';

export function removeByUid(
  db: Db,
  accountId: string,
  path: string,
  uids: Iterable<number>,
  deltas: DeltaCollector,
): void {
  const find = stmt(
    db,
    `SELECT m.id, m.thread_id FROM messages m JOIN mailboxes mb ON mb.id = m.mailbox_id
      WHERE mb.account_id = ? AND mb.path = ? AND m.uid = ?`,
  );
  const remove = stmt(db, 'DELETE FROM messages WHERE id = ?');
  const ids: number[] = [];
  const threads = new Set<number>();
  for (const uid of uids) {
    const row = find.get(accountId, path, uid) as
      { id: number; thread_id: number | null } | undefined;
    if (!row) continue;
    remove.run(row.id);
    ids.push(row.id);
    if (row.thread_id !== null) threads.add(row.thread_id);
  }
  if (ids.length > 0) deltas.add('messages', 'delete', ids);
  rethreadAfterRemoval(db, threads, deltas);
}
