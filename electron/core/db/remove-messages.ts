// Forgets messages gone from the server, by UID in their folder (VANISHED or a sync's
// diff, and the expunges the user asked for: delete forever, empty Trash), and re-threads
// the conversations they leave.
import type { Db } from './connection';
import type { DeltaCollector } from './deltas';
import { getMailbox } from './mailboxes';
import { getMessageByUid } from './messages';
import { stmt } from './statements';
import { rethreadAfterRemoval } from './threads';

export function removeByUid(
  db: Db,
  accountId: string,
  path: string,
  uids: Iterable<number>,
  deltas: DeltaCollector,
): void {
  const mailbox = getMailbox(db, accountId, path);
  if (!mailbox) return;
  const remove = stmt(db, 'DELETE FROM messages WHERE id = ?');
  const ids: number[] = [];
  const threads = new Set<number>();
  for (const uid of uids) {
    const row = getMessageByUid(db, mailbox.id, uid);
    if (!row) continue;
    remove.run(row.id);
    ids.push(row.id);
    if (row.thread_id !== null) threads.add(row.thread_id);
  }
  if (ids.length > 0) deltas.add('messages', 'delete', ids);
  rethreadAfterRemoval(db, threads, deltas);
}
