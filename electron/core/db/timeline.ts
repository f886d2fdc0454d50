// Timeline reads: email threads and RSE posts newest first with keyset paging, so page N
// costs the same as page 1 even at 100k threads (threads_by_date and
// rse_posts_by_activity indexes, merged here rather than by a UNION's temporary B-tree).
import type {
  ThreadDetail,
  ThreadSummary,
  TimelineItem,
  TimelinePage,
} from '../../../shared/domain';
import type { TimelineQuery } from '../../../shared/contract';
import { listAttachments } from './attachments';
import type { Db } from './connection';
import { withConversions, withThreadConversion } from './conversions';
import { messageUnsubscribe } from './message-lists';
import { listThreadMessages, parseAddress, rowToDetail, rowToSummary } from './messages';
import {
  RSE_FIRST_PAGE,
  RSE_NEXT_PAGE,
  RSE_PREFIX,
  rsePostToItem,
  type RsePostRow,
} from './rse-timeline';
import { stmt } from './statements';
import { mailFilter, rseFilter, withFilter, type SourceFilter } from './timeline-filters';

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

type FilterKey = 'before' | 'view' | 'accountId' | 'mailboxId' | 'spaceId';
type PageQuery = Required<Omit<TimelineQuery, FilterKey>> & Pick<TimelineQuery, FilterKey>;

// The timeline's total order: date, then source (RSE posts before mail threads at the same
// instant), then id, all descending. A cursor's id is a mail thread id ("12", as before
// RSE existed) or an RSE post's "rse-post:7"; each source's query starts at the bound that
// order implies, so both stay index range scans and the merge reads at most 2 × limit rows.
const MAIL = 0;
const RSE = 1;
function parseCursorId(id: string): { source: number; n: number } {
  return id.startsWith(RSE_PREFIX)
    ? { source: RSE, n: Number(id.slice(RSE_PREFIX.length)) }
    : { source: MAIL, n: Number(id) };
}

interface Keyed {
  item: TimelineItem;
  source: number;
  n: number;
}

function newer(a: Keyed, b: Keyed): boolean {
  if (a.item.date !== b.item.date) return a.item.date > b.item.date;
  if (a.source !== b.source) return a.source > b.source;
  return a.n > b.n;
}

function mailRows(
  db: Db,
  query: PageQuery,
  base: Record<string, number>,
  filter: SourceFilter,
): Keyed[] {
  const { before } = query;
  const params = { ...base, ...filter.params };
  let rows: TimelineRow[];
  if (!before) rows = stmt(db, withFilter(FIRST_PAGE, filter)).all(params) as TimelineRow[];
  else {
    const cursor = parseCursorId(before.id);
    // After an RSE post at date d, every mail thread at d is older.
    const beforeId = cursor.source === MAIL ? cursor.n : Number.MAX_SAFE_INTEGER;
    rows = stmt(db, withFilter(NEXT_PAGE, filter)).all({
      ...params,
      beforeDate: before.date,
      beforeId,
    }) as TimelineRow[];
  }
  return rows.map((row) => ({ item: rowToItem(row), source: MAIL, n: row.id }));
}

function rsePostRows(
  db: Db,
  query: PageQuery,
  base: Record<string, number>,
  filter: SourceFilter,
): Keyed[] {
  const { before } = query;
  const params = { ...base, ...filter.params };
  let rows: RsePostRow[];
  if (!before) rows = stmt(db, withFilter(RSE_FIRST_PAGE, filter)).all(params) as RsePostRow[];
  else {
    const cursor = parseCursorId(before.id);
    // After a mail thread at date d, every RSE post at d is newer (ids start at 1).
    const beforeId = cursor.source === RSE ? cursor.n : 0;
    rows = stmt(db, withFilter(RSE_NEXT_PAGE, filter)).all({
      ...params,
      beforeDate: before.date,
      beforeId,
    }) as RsePostRow[];
  }
  return rows.map((row) => ({ item: rsePostToItem(row), source: RSE, n: row.id }));
}

export function timelinePage(db: Db, query: PageQuery): TimelinePage {
  const params = {
    unreadOnly: query.unreadOnly || query.view === 'unread' ? 1 : 0,
    limit: query.limit + 1, // one extra row says whether there is a next page
  };
  // Smart views and scopes (timeline-filters.ts); a source they exclude is not queried.
  const mailTerms = mailFilter(query);
  const rseTerms = rseFilter(query);
  const mail = mailTerms ? mailRows(db, query, params, mailTerms) : [];
  const rse = rseTerms ? rsePostRows(db, query, params, rseTerms) : [];
  const merged: Keyed[] = [];
  let i = 0;
  let j = 0;
  while (merged.length < params.limit && (i < mail.length || j < rse.length)) {
    const a = mail[i];
    const b = rse[j];
    if (a && (!b || newer(a, b))) {
      merged.push(a);
      i++;
    } else if (b) {
      merged.push(b);
      j++;
    }
  }
  const items = withConversions(
    db,
    merged.slice(0, query.limit).map((k) => k.item),
  );
  const last = merged[query.limit - 1];
  if (merged.length <= query.limit || !last) return { items };
  const id = last.source === RSE ? `${RSE_PREFIX}${last.n}` : String(last.n);
  return { items, next: { date: last.item.date, id } };
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
  return withThreadConversion(db, {
    id: String(thread.id),
    accountId: thread.account_id,
    subject: thread.subject,
    messages: listThreadMessages(db, id).map((row) => {
      const unsubscribe = messageUnsubscribe(db, row.id);
      return {
        ...rowToDetail(row),
        attachments: listAttachments(db, row.id),
        ...(unsubscribe ? { unsubscribe } : {}),
      };
    }),
  });
}
