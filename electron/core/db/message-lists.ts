// The mailing list each message came through (migration 0015), and a thread's list; how
// a message's sender lets the reader unsubscribe (migration 0020).
import type { ListUnsubscribe } from '../../../shared/domain';
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

export function saveMessageUnsubscribe(db: Db, messageRowId: number, how: ListUnsubscribe): void {
  stmt(
    db,
    `INSERT INTO message_unsubscribe (message_id, web, mailto, one_click) VALUES (?, ?, ?, ?)
     ON CONFLICT (message_id) DO UPDATE SET
       web = excluded.web, mailto = excluded.mailto, one_click = excluded.one_click`,
  ).run(messageRowId, how.web ?? null, how.mailto ?? null, how.oneClick ? 1 : 0);
}

export function messageUnsubscribe(db: Db, messageRowId: number): ListUnsubscribe | null {
  const row = stmt(
    db,
    'SELECT web, mailto, one_click FROM message_unsubscribe WHERE message_id = ?',
  ).get(messageRowId) as
    { web: string | null; mailto: string | null; one_click: number } | undefined;
  if (!row) return null;
  return {
    ...(row.web ? { web: row.web } : {}),
    ...(row.mailto ? { mailto: row.mailto } : {}),
    oneClick: row.one_click === 1,
  };
}
