// Timeline reads: email threads newest first with keyset paging, so page N costs the
// same as page 1 even at 100k threads (threads_by_date index).
import type {
  ThreadDetail,
  ThreadSummary,
  TimelineItem,
  TimelinePage,
} from '../../../shared/domain';
import type { TimelineQuery } from '../../../shared/contract';
import type { Db } from './connection';
import { listThreadMessages, parseAddress, rowToDetail, rowToSummary } from './messages';
import { stmt } from './statements';

interface TimelineRow {
  id: number;
  account_id: string;
  subject: string;
  latest_date: string;
  message_count: number;
  unread_count: number;
  flagged_count: number;
  from_json: string | null;
  snippet: string | null;
}

function rowToItem(row: TimelineRow): TimelineItem {
  return {
    id: `mail-thread:${row.id}`,
    kind: 'mail-thread',
    accountId: row.account_id,
    threadId: String(row.id),
    subject: row.subject,
    from: parseAddress(row.from_json),
    snippet: row.snippet ?? '',
    date: row.latest_date,
    unread: row.unread_count > 0,
    flagged: row.flagged_count > 0,
    messageCount: row.message_count,
  };
}

const TIMELINE_COLUMNS = `SELECT t.id, t.account_id, t.subject, t.latest_date, t.message_count,
    t.unread_count, t.flagged_count, m.from_json, m.snippet
  FROM threads t LEFT JOIN messages m ON m.id = t.latest_message`;
const TIMELINE_ORDER = 'ORDER BY t.latest_date DESC, t.id DESC LIMIT @limit';

// Two statements rather than one with "@cursor IS NULL OR …": the row-value comparison
// alone lets SQLite start the index scan at the cursor instead of filtering from the top.
const FIRST_PAGE = `${TIMELINE_COLUMNS}
  WHERE (@unreadOnly = 0 OR t.unread_count > 0) ${TIMELINE_ORDER}`;
const NEXT_PAGE = `${TIMELINE_COLUMNS}
  WHERE (t.latest_date, t.id) < (@beforeDate, @beforeId)
    AND (@unreadOnly = 0 OR t.unread_count > 0) ${TIMELINE_ORDER}`;

export function timelinePage(
  db: Db,
  query: Required<Omit<TimelineQuery, 'before'>> & Pick<TimelineQuery, 'before'>,
): TimelinePage {
  const { before } = query;
  const params = {
    unreadOnly: query.unreadOnly ? 1 : 0,
    limit: query.limit + 1, // one extra row says whether there is a next page
  };
  const rows = (
    before
      ? stmt(db, NEXT_PAGE).all({ ...params, beforeDate: before.date, beforeId: Number(before.id) })
      : stmt(db, FIRST_PAGE).all(params)
  ) as TimelineRow[];
  const items = rows.slice(0, query.limit).map(rowToItem);
  const last = items[items.length - 1];
  return rows.length > query.limit && last
    ? { items, next: { date: last.date, id: last.threadId } }
    : { items };
}

export function listThreads(db: Db): ThreadSummary[] {
  const threads = stmt(
    db,
    'SELECT id, account_id, subject FROM threads ORDER BY latest_date DESC, id DESC',
  ).all() as { id: number; account_id: string; subject: string }[];
  return threads.map((t) => ({
    id: String(t.id),
    accountId: t.account_id,
    subject: t.subject,
    messages: listThreadMessages(db, t.id).map(rowToSummary),
  }));
}

export function getThread(db: Db, threadId: string): ThreadDetail | null {
  const id = Number(threadId);
  if (!Number.isSafeInteger(id)) return null;
  const thread = stmt(db, 'SELECT id, account_id, subject FROM threads WHERE id = ?').get(id) as
    { id: number; account_id: string; subject: string } | undefined;
  if (!thread) return null;
  return {
    id: String(thread.id),
    accountId: thread.account_id,
    subject: thread.subject,
    messages: listThreadMessages(db, id).map(rowToDetail),
  };
}
