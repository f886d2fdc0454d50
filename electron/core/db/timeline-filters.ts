// The smart views and scopes of timeline.page as extra WHERE terms for each source's
// keyset query. The terms are correlated checks on the row being scanned, so both queries
// still walk threads_by_date / rse_posts_by_activity in order and stop at LIMIT; a source
// the filter excludes entirely (mail for Mentions, RSE for a mail folder) is not queried.
import type { TimelineQuery } from '../../../shared/contract';

type Filters = Pick<TimelineQuery, 'view' | 'accountId' | 'mailboxId' | 'spaceId'>;

export interface SourceFilter {
  /** AND-ed into the source's WHERE; '1' when nothing applies. */
  where: string;
  params: Record<string, string | number>;
}

const INBOX = `EXISTS (SELECT 1 FROM messages fm JOIN mailboxes fb ON fb.id = fm.mailbox_id
    WHERE fm.thread_id = t.id AND (fb.role = 'inbox' OR upper(fb.path) = 'INBOX'))`;
// Muted threads leave the inbox views for good, replies included (Gmail's mute).
const NOT_MUTED = `NOT EXISTS (SELECT 1 FROM notify_muted_threads mt
    WHERE mt.account_id = t.account_id AND mt.thread_key = 'mail:' || t.id)`;
const IN_FOLDER = `EXISTS (SELECT 1 FROM messages fm
    WHERE fm.thread_id = t.id AND fm.mailbox_id = @mailboxId)`;
const snoozed = (key: string) => `EXISTS (SELECT 1 FROM snoozes z WHERE z.item_key = ${key})`;

/** Mail threads' terms, or null when the filter shows no mail at all. */
export function mailFilter(query: Filters): SourceFilter | null {
  const view = query.view ?? 'all';
  if (view === 'mentions' || query.spaceId !== undefined) return null;
  const terms: string[] = [];
  const params: Record<string, string | number> = {};
  const mailSnoozed = snoozed(`'mail-thread:' || t.id`);
  terms.push(view === 'snoozed' ? mailSnoozed : `NOT ${mailSnoozed}`);
  if (query.accountId !== undefined) {
    terms.push('t.account_id = @accountId');
    params.accountId = query.accountId;
  }
  if (query.mailboxId !== undefined) {
    terms.push(IN_FOLDER);
    params.mailboxId = query.mailboxId;
  } else if (query.view === 'all' || query.view === 'unread') {
    // Only when a view is asked for: callers from before smart views (CLI, benchmarks)
    // keep listing every thread.
    terms.push(INBOX, NOT_MUTED);
  }
  if (view === 'flagged') terms.push('t.flagged_count > 0');
  // Conversion records (migration 0007): threads already turned into a post.
  if (view === 'converted') {
    terms.push('EXISTS (SELECT 1 FROM conversions cv WHERE cv.thread_id = t.id)');
  }
  return { where: terms.join(' AND '), params };
}

/** RSE posts' terms, or null when the filter shows no posts at all. */
export function rseFilter(query: Filters): SourceFilter | null {
  const view = query.view ?? 'all';
  if (view === 'flagged' || view === 'converted' || query.mailboxId !== undefined) return null;
  const terms: string[] = [];
  const params: Record<string, string | number> = {};
  const postSnoozed = snoozed(`'rse-post:' || p.id`);
  terms.push(view === 'snoozed' ? postSnoozed : `NOT ${postSnoozed}`);
  if (query.accountId !== undefined) {
    terms.push('p.account_id = @accountId');
    params.accountId = query.accountId;
  }
  if (query.spaceId !== undefined) {
    terms.push('p.space_remote_id = @spaceId');
    params.spaceId = query.spaceId;
  }
  if (view === 'mentions') terms.push('p.mentions_me = 1');
  return { where: terms.join(' AND '), params };
}

/** Adds the terms just before ORDER BY, keeping the source's own WHERE (and its partial index) verbatim. */
export function withFilter(sql: string, filter: SourceFilter): string {
  const at = sql.lastIndexOf('ORDER BY');
  return `${sql.slice(0, at)}AND (${filter.where}) ${sql.slice(at)}`;
}
