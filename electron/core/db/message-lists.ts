// The mailing list each message came through (migration 0015), and a thread's list.
import type { Db } from './connection';
import { stmt } from './statements';

export function saveMessageListId(db: Db, messageRowId: number, listId: string): void {
  stmt(
    db,
    `INSERT INTO message_list_ids (message_id, list_id) VALUES (?, ?)
     ON CONFLICT (message_id) DO UPDATE SET list_id = excluded.list_id`,
  ).run(messageRowId, listId);
}

/** The list of the thread's latest message that came through one, or null. */
export function threadListId(db: Db, threadId: number): string | null {
  const row = stmt(
    db,
    `SELECT l.list_id FROM messages m JOIN message_list_ids l ON l.message_id = m.id
     WHERE m.thread_id = ? ORDER BY m.date DESC, m.id DESC LIMIT 1`,
  ).get(threadId) as { list_id: string } | undefined;
  return row?.list_id ?? null;
}
