// Threads, JWZ-style (https://www.jwz.org/doc/threading.html) but incremental: messages
// arrive in any order (newest first during a sync), so instead of rebuilding a tree we
// keep the thread's connected component. Every Message-ID a message names (its own,
// In-Reply-To, References, Gmail's X-GM-THRID as "gm:<id>") is recorded in thread_links;
// a message joins the thread of any id it shares, and a message that bridges two threads
// merges them. This gives JWZ's grouping without its tree:
// - missing parents: a referenced id without a message is still a link;
// - reference loops: a graph of links has no parent pointers to loop over;
// - duplicate Message-IDs and the same message in two folders: same id, same thread,
//   and the counts below count a (Message-ID, date) pair once.
// Then JWZ's subject step: a message that no id connects joins the recent thread with the
// same normalised subject when it is a reply ("Re: x"), or when it is the original ("x")
// and that thread has not seen its original yet. Two unrelated "Weekly report" mails
// stay apart. The display tree inside a thread is ordered by date, so none is stored.
import { normaliseSubject } from '../../../shared/subject';
import type { Db } from './connection';
import type { DeltaCollector } from './deltas';
import { normaliseDate } from './messages';
import { stmt } from './statements';
import type { BatchThreadLinks } from './thread-links';

export interface ThreadKeys {
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  /** Gmail's X-GM-THRID when the server offers X-GM-EXT-1. */
  gmThreadId?: string | null;
}

/** How far apart in time a subject-only match may be; beyond it the same subject is a new topic. */
export const SUBJECT_WINDOW_MS = 30 * 24 * 3600 * 1000;

/** Every id a message names: its own, its parents', Gmail's thread id. */
export function linkedIds(keys: ThreadKeys): string[] {
  const ids = [keys.messageId, keys.inReplyTo, ...keys.references].filter(
    (id): id is string => typeof id === 'string' && id.length > 0,
  );
  if (keys.gmThreadId) ids.push(`gm:${keys.gmThreadId}`);
  return [...new Set(ids)];
}

/**
 * A base subject case-folded as shared/subject's subjectKey does. toLocaleLowerCase costs
 * ~2 µs a call (ICU), ~45 ms per 20,000 synced headers; for ASCII, toLowerCase is the same
 * mapping at a tenth of the cost.
 */
function foldSubject(base: string): string {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(base) ? base.toLowerCase() : base.toLocaleLowerCase('und');
}

/** Finds or creates the message's thread, merging threads it bridges. Returns the thread id. */
export function assignThread(
  db: Db,
  accountId: string,
  keys: ThreadKeys,
  placeholder: { subject: string; date: string },
  deltas: DeltaCollector,
  /** An emptied thread to reuse instead of creating one (see rethreadAfterRemoval). */
  reuse?: number,
  /** The batch's view of thread_links (saveMessages): no query per message. */
  links?: BatchThreadLinks,
): number {
  const ids = linkedIds(keys);
  const { base, isReply } = normaliseSubject(placeholder.subject);
  const key = foldSubject(base);
  // An original: it names no parent and does not say it answers one.
  const isRoot = !keys.inReplyTo && keys.references.length === 0 && !isReply;
  const found = links
    ? links.threadsOf(ids)
    : ids.length
      ? (
          stmt(
            db,
            `SELECT DISTINCT thread_id FROM thread_links
           WHERE account_id = ? AND message_id IN (${ids.map(() => '?').join(',')})
           ORDER BY thread_id`,
          ).all(accountId, ...ids) as { thread_id: number }[]
        ).map((r) => r.thread_id)
      : [];

  let threadId: number;
  if (found.length > 0) {
    threadId = found[0]!;
    for (const other of found.slice(1)) {
      mergeThread(db, other, threadId, deltas);
      links?.merged(other, threadId);
    }
  } else {
    threadId =
      bySubject(db, accountId, key, isRoot, normaliseDate(placeholder.date)) ??
      reuse ??
      createThread(db, accountId, placeholder, key, deltas);
  }
  if (isRoot) stmt(db, 'UPDATE threads SET rooted = 1 WHERE id = ? AND rooted = 0').run(threadId);

  const link = stmt(
    db,
    'INSERT INTO thread_links (account_id, message_id, thread_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  );
  for (const id of ids) {
    // An id the batch already knows is linked (to threadId, after the merges above): its
    // INSERT would do nothing, so it is skipped.
    if (links) {
      if (links.has(id)) continue;
      links.linked(id, threadId);
    }
    link.run(accountId, id, threadId);
  }
  return threadId;
}

function bySubject(
  db: Db,
  accountId: string,
  key: string,
  isRoot: boolean,
  date: string,
): number | null {
  if (key === '') return null;
  const time = Date.parse(date);
  const row = stmt(
    db,
    `SELECT id FROM threads
       WHERE account_id = ? AND subject_key = ? AND subject_key <> ''
         AND latest_date BETWEEN ? AND ? AND (? = 0 OR rooted = 0)
       ORDER BY latest_date DESC LIMIT 1`,
  ).get(
    accountId,
    key,
    new Date(time - SUBJECT_WINDOW_MS).toISOString(),
    new Date(time + SUBJECT_WINDOW_MS).toISOString(),
    isRoot ? 1 : 0,
  ) as { id: number } | undefined;
  return row?.id ?? null;
}

function createThread(
  db: Db,
  accountId: string,
  placeholder: { subject: string; date: string },
  key: string,
  deltas: DeltaCollector,
): number {
  const id = Number(
    stmt(
      db,
      `INSERT INTO threads (account_id, subject, subject_key, latest_date, message_count, unread_count, flagged_count)
         VALUES (?, ?, ?, ?, 0, 0, 0)`,
    ).run(accountId, placeholder.subject, key, normaliseDate(placeholder.date)).lastInsertRowid,
  );
  deltas.add('threads', 'insert', [id]);
  return id;
}

function mergeThread(db: Db, from: number, into: number, deltas: DeltaCollector): void {
  stmt(db, 'UPDATE messages SET thread_id = ? WHERE thread_id = ?').run(into, from);
  stmt(db, 'UPDATE thread_links SET thread_id = ? WHERE thread_id = ?').run(into, from);
  stmt(
    db,
    `UPDATE threads SET rooted = max(rooted, (SELECT rooted FROM threads WHERE id = @from)),
       subject_key = CASE WHEN subject_key = '' THEN (SELECT subject_key FROM threads WHERE id = @from)
                     ELSE subject_key END
     WHERE id = @into`,
  ).run({ from, into });
  stmt(db, 'DELETE FROM threads WHERE id = ?').run(from);
  deltas.add('threads', 'delete', [from]);
}

// The same message in two folders (a reply kept in Sent and delivered to the inbox) is
// one message of the thread: same Message-ID and same date. Two different messages that
// share a broken Message-ID differ in date and count twice.
const DISTINCT_MESSAGE = `coalesce(message_id || ' ' || date, 'row:' || id)`;

/**
 * Recomputes the timeline fields of the given threads from their messages, and removes
 * threads that no longer have any. (A thread woken from a snooze does not fall below its
 * wake-up time: migration 0017's trigger holds latest_date there.)
 */
export function refreshThreads(db: Db, threadIds: Iterable<number>, deltas: DeltaCollector): void {
  const update = stmt(
    db,
    `
    UPDATE threads SET
      -- One pass over the thread's messages, grouped per distinct message, for the counts
      -- and the date: not four scans and three DISTINCT sets.
      (message_count, unread_count, flagged_count, latest_date) = (
        SELECT count(*), coalesce(sum(unread), 0), coalesce(sum(flagged), 0),
          coalesce(max(latest), threads.latest_date)
        FROM (SELECT max(seen = 0) AS unread, max(flagged = 1) AS flagged, max(date) AS latest
              FROM messages WHERE thread_id = threads.id GROUP BY ${DISTINCT_MESSAGE})),
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

interface ThreadedRow {
  id: number;
  account_id: string;
  message_id: string | null;
  in_reply_to: string | null;
  refs: string;
  subject: string;
  date: string;
}

/**
 * After messages were expunged, their ids may have been the only bridge between parts of
 * a thread (RFC 5256 threads the messages that exist). The survivors are threaded again
 * from scratch, oldest first; when they still form one thread it keeps its id, so the
 * UI's selection survives the common case.
 */
export function rethreadAfterRemoval(
  db: Db,
  threadIds: Iterable<number>,
  deltas: DeltaCollector,
): void {
  const rebuilt: number[] = [];
  for (const threadId of new Set(threadIds)) {
    const rows = stmt(
      db,
      `SELECT id, account_id, message_id, in_reply_to, refs, subject, date FROM messages
         WHERE thread_id = ? ORDER BY date, id`,
    ).all(threadId) as ThreadedRow[];
    if (rows.length === 0) {
      rebuilt.push(threadId);
      continue;
    }
    // Forget how the thread was joined; its row stays for the first survivor to reuse.
    stmt(db, 'DELETE FROM thread_links WHERE thread_id = ?').run(threadId);
    stmt(db, 'UPDATE messages SET thread_id = NULL WHERE thread_id = ?').run(threadId);
    stmt(db, "UPDATE threads SET rooted = 0, subject_key = '' WHERE id = ?").run(threadId);
    const setThread = stmt(db, 'UPDATE messages SET thread_id = ? WHERE id = ?');
    let reuse: number | undefined = threadId;
    rebuilt.push(threadId);
    for (const row of rows) {
      const keys = {
        messageId: row.message_id,
        inReplyTo: row.in_reply_to,
        references: JSON.parse(row.refs) as string[],
      };
      const id = assignThread(db, row.account_id, keys, row, deltas, reuse);
      if (id === threadId && reuse !== undefined) {
        reuse = undefined;
        stmt(db, 'UPDATE threads SET subject_key = ? WHERE id = ?').run(
          foldSubject(normaliseSubject(row.subject).base),
          threadId,
        );
      }
      setThread.run(id, row.id);
      rebuilt.push(id);
    }
  }
  // Threads merged away meanwhile are gone; refresh the survivors (an unused row is removed).
  const exists = stmt(db, 'SELECT 1 FROM threads WHERE id = ?');
  refreshThreads(
    db,
    rebuilt.filter((id) => exists.get(id) !== undefined),
    deltas,
  );
}
