// Threads: messages linked by Message-ID, References and In-Reply-To. Every id a
// message names is recorded in thread_links, so a reply that arrives before its
// parent, or two halves of a thread joined later by a third message, end up in one
// thread (the halves are merged). The subject fallback and JWZ edge cases come with
// the mail engine.
import type { Db } from './connection';
import type { DeltaCollector } from './deltas';
import { stmt } from './statements';

export interface ThreadKeys {
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
}

function linkedIds(keys: ThreadKeys): string[] {
  const ids = [keys.messageId, keys.inReplyTo, ...keys.references].filter(
    (id): id is string => typeof id === 'string' && id.length > 0,
  );
  return [...new Set(ids)];
}

/** Finds or creates the message's thread, merging threads it bridges. Returns the thread id. */
export function assignThread(
  db: Db,
  accountId: string,
  keys: ThreadKeys,
  placeholder: { subject: string; date: string },
  deltas: DeltaCollector,
): number {
  const ids = linkedIds(keys);
  const found = ids.length
    ? (stmt(
        db,
        `SELECT DISTINCT thread_id FROM thread_links
           WHERE account_id = ? AND message_id IN (${ids.map(() => '?').join(',')})
           ORDER BY thread_id`,
      ).all(accountId, ...ids) as { thread_id: number }[])
    : [];

  let threadId: number;
  if (found.length === 0) {
    threadId = Number(
      stmt(
        db,
        `INSERT INTO threads (account_id, subject, latest_date, message_count, unread_count, flagged_count)
           VALUES (?, ?, ?, 0, 0, 0)`,
      ).run(accountId, placeholder.subject, placeholder.date).lastInsertRowid,
    );
    deltas.add('threads', 'insert', [threadId]);
  } else {
    threadId = found[0]!.thread_id;
    for (const { thread_id: other } of found.slice(1)) mergeThread(db, other, threadId, deltas);
  }

  const link = stmt(
    db,
    'INSERT INTO thread_links (account_id, message_id, thread_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  );
  for (const id of ids) link.run(accountId, id, threadId);
  return threadId;
}

function mergeThread(db: Db, from: number, into: number, deltas: DeltaCollector): void {
  stmt(db, 'UPDATE messages SET thread_id = ? WHERE thread_id = ?').run(into, from);
  stmt(db, 'UPDATE thread_links SET thread_id = ? WHERE thread_id = ?').run(into, from);
  stmt(db, 'DELETE FROM threads WHERE id = ?').run(from);
  deltas.add('threads', 'delete', [from]);
}

/**
 * Recomputes the timeline fields of the given threads from their messages, and removes
 * threads that no longer have any.
 */
export function refreshThreads(db: Db, threadIds: Iterable<number>, deltas: DeltaCollector): void {
  const update = stmt(
    db,
    `
    UPDATE threads SET
      message_count = (SELECT count(*) FROM messages WHERE thread_id = threads.id),
      unread_count = (SELECT count(*) FROM messages WHERE thread_id = threads.id AND seen = 0),
      flagged_count = (SELECT count(*) FROM messages WHERE thread_id = threads.id AND flagged = 1),
      latest_date = coalesce((SELECT max(date) FROM messages WHERE thread_id = threads.id), latest_date),
      latest_message = (SELECT id FROM messages WHERE thread_id = threads.id ORDER BY date DESC, id DESC LIMIT 1),
      subject = coalesce((SELECT subject FROM messages WHERE thread_id = threads.id ORDER BY date, id LIMIT 1), subject)
    WHERE id = ?`,
  );
  const removeEmpty = stmt(
    db,
    'DELETE FROM threads WHERE id = ? AND NOT EXISTS (SELECT 1 FROM messages WHERE thread_id = ?)',
  );
  for (const id of new Set(threadIds)) {
    if (removeEmpty.run(id, id).changes > 0) {
      deltas.add('threads', 'delete', [id]);
    } else if (update.run(id).changes > 0) {
      deltas.add('threads', 'update', [id]);
    }
  }
}
