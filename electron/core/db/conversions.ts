// The conversions table (thread → RSE post) and the destination preferences. Every
// function takes the db first and runs inside the caller's transaction.
import type { ConversionInfo, ConvertOptions } from '../../../shared/requests/convert';
import type {
  ConversionState,
  ThreadConversion,
  ThreadDetail,
  TimelineItem,
} from '../../../shared/domain';
import { EMPTY_PREFERENCES, type DestinationPreferences } from '../convert/destination';
import type { Db } from './connection';
import { stmt } from './statements';

export interface ConversionRow {
  id: number;
  thread_id: number;
  mail_account_id: string;
  rse_account_id: string;
  space_remote_id: string;
  space_name: string;
  title: string;
  message_ids: string;
  idempotency_key: string;
  task_id: number | null;
  state: ConversionState;
  post_remote_id: string | null;
  reply_remote_ids: string;
  permalink: string | null;
  last_error: string | null;
  converted_by: string;
  created_at: string;
  updated_at: string;
  /** The highest message row id when the conversion was made; rows above it came later. */
  last_message_row_id: number | null;
}

export function rowToConversion(row: ConversionRow): ConversionInfo {
  return {
    id: String(row.id),
    threadId: String(row.thread_id),
    mailAccountId: row.mail_account_id,
    rseAccountId: row.rse_account_id,
    spaceRemoteId: row.space_remote_id,
    spaceName: row.space_name,
    title: row.title,
    messageIds: JSON.parse(row.message_ids) as string[],
    state: row.state,
    postRemoteId: row.post_remote_id,
    replyRemoteIds: JSON.parse(row.reply_remote_ids) as string[],
    permalink: row.permalink,
    lastError: row.last_error,
    taskId: row.task_id === null ? null : String(row.task_id),
    convertedBy: row.converted_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface NewConversion {
  threadId: number;
  mailAccountId: string;
  rseAccountId: string;
  spaceRemoteId: string;
  spaceName: string;
  title: string;
  messageIds: string[];
  idempotencyKey: string;
  convertedBy: string;
  now: string;
}

export function insertConversion(db: Db, c: NewConversion): ConversionRow {
  return stmt(
    db,
    `INSERT INTO conversions (thread_id, mail_account_id, rse_account_id, space_remote_id,
       space_name, title, message_ids, idempotency_key, state, converted_by, created_at, updated_at,
       last_message_row_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, (SELECT coalesce(max(id), 0) FROM messages))
     RETURNING *`,
  ).get(
    c.threadId,
    c.mailAccountId,
    c.rseAccountId,
    c.spaceRemoteId,
    c.spaceName,
    c.title,
    JSON.stringify(c.messageIds),
    c.idempotencyKey,
    c.convertedBy,
    c.now,
    c.now,
  ) as ConversionRow;
}

export function getConversion(db: Db, id: number): ConversionRow | null {
  return (
    (stmt(db, 'SELECT * FROM conversions WHERE id = ?').get(id) as ConversionRow | undefined) ??
    null
  );
}

export type ConversionChange = Partial<
  Pick<
    ConversionRow,
    | 'state'
    | 'task_id'
    | 'post_remote_id'
    | 'reply_remote_ids'
    | 'permalink'
    | 'last_error'
    | 'message_ids'
  >
>;

export function updateConversion(db: Db, id: number, change: ConversionChange): void {
  const current = getConversion(db, id);
  if (!current) return;
  const next = { ...current, ...change, updated_at: new Date().toISOString() };
  stmt(
    db,
    `UPDATE conversions SET state = @state, task_id = @task_id, post_remote_id = @post_remote_id,
       reply_remote_ids = @reply_remote_ids, permalink = @permalink, last_error = @last_error,
       message_ids = @message_ids, updated_at = @updated_at
     WHERE id = @id`,
  ).run(next);
}

export function listConversions(db: Db, threadId?: number): ConversionRow[] {
  if (threadId !== undefined) {
    return stmt(db, 'SELECT * FROM conversions WHERE thread_id = ? ORDER BY id DESC').all(
      threadId,
    ) as ConversionRow[];
  }
  return stmt(db, 'SELECT * FROM conversions ORDER BY id DESC LIMIT 500').all() as ConversionRow[];
}

/** What a thread shows: its latest conversion that was not cancelled. */
function threadConversion(db: Db, threadId: number): ThreadConversion | undefined {
  const row = stmt(
    db,
    `SELECT space_name, permalink, state FROM conversions
     WHERE thread_id = ? AND state <> 'cancelled' ORDER BY id DESC LIMIT 1`,
  ).get(threadId) as Pick<ConversionRow, 'space_name' | 'permalink' | 'state'> | undefined;
  return row
    ? { spaceName: row.space_name, permalink: row.permalink, state: row.state }
    : undefined;
}

/** The mail thread an RSE post (local id) was made from, if any. */
export function sourceThread(db: Db, postId: number): string | undefined {
  const row = stmt(
    db,
    `SELECT c.thread_id FROM rse_items i JOIN conversions c
       ON c.rse_account_id = i.account_id AND c.post_remote_id = i.remote_id
     WHERE i.id = ? LIMIT 1`,
  ).get(postId) as { thread_id: number } | undefined;
  return row ? String(row.thread_id) : undefined;
}

/** Adds "Posted to …" and "From an email thread" to a page of timeline items (indexed lookups). */
export function withConversions(db: Db, items: TimelineItem[]): TimelineItem[] {
  return items.map((item) => {
    if (item.kind === 'mail-thread') {
      const conversion = threadConversion(db, Number(item.threadId));
      return conversion ? { ...item, conversion } : item;
    }
    const fromThreadId = item.postId ? sourceThread(db, Number(item.postId)) : undefined;
    return fromThreadId ? { ...item, fromThreadId } : item;
  });
}

export function withThreadConversion(db: Db, thread: ThreadDetail | null): ThreadDetail | null {
  if (!thread) return thread;
  const conversion = threadConversion(db, Number(thread.id));
  return conversion ? { ...thread, conversion } : thread;
}

const PREFERENCES_KEY = 'destinations';

export function loadPreferences(db: Db): DestinationPreferences {
  const row = stmt(db, 'SELECT value FROM convert_preferences WHERE key = ?').get(
    PREFERENCES_KEY,
  ) as { value: string } | undefined;
  if (!row) return EMPTY_PREFERENCES;
  // A document from another version may lack a map: the empty one fills the gap.
  return { ...EMPTY_PREFERENCES, ...(JSON.parse(row.value) as Partial<DestinationPreferences>) };
}

export function savePreferences(db: Db, prefs: DestinationPreferences): void {
  stmt(
    db,
    `INSERT INTO convert_preferences (key, value) VALUES (?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  ).run(PREFERENCES_KEY, JSON.stringify(prefs));
}

const OPTIONS_KEY = 'options';
export const DEFAULT_CONVERT_OPTIONS: ConvertOptions = {
  follow: 'on',
  replyAll: false,
  archive: false,
};

export function loadConvertOptions(db: Db): ConvertOptions {
  const row = stmt(db, 'SELECT value FROM convert_preferences WHERE key = ?').get(OPTIONS_KEY) as
    { value: string } | undefined;
  if (!row) return DEFAULT_CONVERT_OPTIONS;
  return { ...DEFAULT_CONVERT_OPTIONS, ...(JSON.parse(row.value) as Partial<ConvertOptions>) };
}

export function saveConvertOptions(db: Db, options: ConvertOptions): void {
  stmt(
    db,
    `INSERT INTO convert_preferences (key, value) VALUES (?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  ).run(OPTIONS_KEY, JSON.stringify(options));
}

/**
 * Message `m` reached the thread after conversion `c` was made: stored after it (row ids
 * grow as messages are stored), or, for conversions older than that mark, dated after it.
 */
const ARRIVED_AFTER = `(CASE WHEN c.last_message_row_id IS NULL THEN m.date > c.created_at
  ELSE m.id > c.last_message_row_id END)`;

/** The conversions of threads that these new message rows joined, posted and followed. */
export function conversionsReachedBy(
  db: Db,
  messageRowIds: readonly number[],
): { conversion: ConversionRow; messageId: string }[] {
  if (messageRowIds.length === 0) return [];
  // Every commit of a catch-up asks (300 new messages at a time); most profiles have no
  // posted conversion to follow, and this answers that without reading the messages.
  if (!stmt(db, "SELECT 1 FROM conversions WHERE state = 'posted' LIMIT 1").get()) return [];
  const rows = stmt(
    db,
    `SELECT c.*, m.message_id AS new_message_id FROM messages m
       JOIN conversions c ON c.thread_id = m.thread_id AND c.state = 'posted'
     WHERE m.id IN (SELECT value FROM json_each(?)) AND m.message_id IS NOT NULL
       AND ${ARRIVED_AFTER}`,
  ).all(JSON.stringify(messageRowIds)) as (ConversionRow & { new_message_id: string })[];
  return rows
    .filter((r) => !(JSON.parse(r.message_ids) as string[]).includes(r.new_message_id))
    .map(({ new_message_id, ...conversion }) => ({ conversion, messageId: new_message_id }));
}

/** The thread's emails that arrived after the conversion and are not in it: what follow adds. */
export function newMessageIds(db: Db, row: ConversionRow): string[] {
  const known = new Set(JSON.parse(row.message_ids) as string[]);
  const rows = stmt(
    db,
    `SELECT m.message_id FROM messages m JOIN conversions c ON c.id = ?
     WHERE m.thread_id = ? AND m.message_id IS NOT NULL AND ${ARRIVED_AFTER}
     ORDER BY m.date, m.id`,
  ).all(row.id, row.thread_id) as { message_id: string }[];
  return [...new Set(rows.map((r) => r.message_id))].filter((id) => !known.has(id));
}
