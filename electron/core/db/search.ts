// Full-text search: a parsed query (shared/search-query.ts) becomes one FTS5 MATCH for
// what must be present, one for what must not, and plain filters on messages, ordered
// newest first with keyset paging. Values are always bound; only the FTS expression is
// built, from words reduced to letters and digits and quoted, so user input can never
// change the expression's structure.
import type { SearchHit, SearchResult } from '../../../shared/requests/search';
import type { SearchQuery, SearchTerm } from '../../../shared/search-query';
import { isEmptyQuery } from '../../../shared/search-query';
import type { Db } from './connection';
import { parseAddress } from './messages';
import { stmt } from './statements';

const COLUMNS: Record<SearchTerm['field'], string | null> = {
  any: null,
  from: 'sender',
  to: 'recipients',
  subject: 'subject',
};

/** The words FTS5's unicode61 tokenizer would index (letters, digits, marks). */
export function words(text: string): string[] {
  return text.match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
}

/**
 * One term as an FTS5 expression: its words as one phrase (so "ada@example.com" matches
 * the address, and a quoted phrase stays in order), restricted to a column when asked.
 * Unquoted words are separate AND-ed phrases, so "plan budget" need not be adjacent.
 */
export function termExpression(term: SearchTerm): string | null {
  const list = words(term.text);
  if (list.length === 0) return null;
  const quote = (w: string) => `"${w.replace(/"/g, '""')}"`;
  const adjacent = term.phrase || term.field !== 'any' || /[@.]/.test(term.text);
  const parts = adjacent ? [list.map(quote).join(' + ')] : list.map(quote);
  if (term.prefix) parts[parts.length - 1] += '*';
  const column = COLUMNS[term.field];
  const body = parts.length > 1 ? `(${parts.join(' AND ')})` : parts[0]!;
  return column ? `${column} : ${body}` : body;
}

export function ftsExpressions(query: SearchQuery): {
  must: string | null;
  mustNot: string | null;
} {
  const must = query.terms
    .filter((t) => !t.negated)
    .map(termExpression)
    .filter(Boolean);
  const mustNot = query.terms
    .filter((t) => t.negated)
    .map(termExpression)
    .filter(Boolean);
  return {
    must: must.length ? must.join(' AND ') : null,
    mustNot: mustNot.length ? mustNot.join(' OR ') : null,
  };
}

interface HitRow {
  id: number;
  account_id: string;
  thread_id: number | null;
  path: string;
  subject: string;
  from_json: string | null;
  snippet: string;
  date: string;
  seen: number;
  flagged: number;
  has_attachments: number;
  message_count: number | null;
}

function rowToHit(row: HitRow): SearchHit {
  return {
    id: `mail-message:${row.id}`,
    kind: 'mail-message',
    accountId: row.account_id,
    threadId: String(row.thread_id ?? ''),
    messageId: String(row.id),
    mailbox: row.path,
    subject: row.subject,
    from: parseAddress(row.from_json),
    snippet: row.snippet,
    date: row.date,
    unread: row.seen === 0,
    flagged: row.flagged === 1,
    hasAttachments: row.has_attachments === 1,
    messageCount: row.message_count ?? 1,
  };
}

// Above this many matches, walking messages newest first and keeping those in the match
// set stops after about `limit` rows; below it, sorting the matches is cheaper. SQLite
// cannot know how many rows an FTS5 MATCH yields, so the core counts up to this bound.
// (Probing FTS5 row by row instead of materialising the match set was measured again for
// 0011: ~25 us a probe, faster only for a word in nearly every message, and counting far
// enough to know that cost more than it saved on phrases and prefixes.)
const COMMON_TERM = 1000;

function byDate(db: Db, must: string | null): boolean {
  if (!must) return true;
  const probe = stmt(
    db,
    `SELECT count(*) AS n FROM (SELECT 1 FROM messages_fts WHERE messages_fts MATCH ? LIMIT ${COMMON_TERM})`,
  ).get(must) as { n: number };
  return probe.n >= COMMON_TERM;
}

export interface SearchOptions {
  limit: number;
  before?: { date: string; id: string };
}

const COLUMNS_SQL = `m.id, m.account_id, m.thread_id, mb.path, m.subject, m.from_json, m.snippet,
      m.date, m.seen, m.flagged, m.has_attachments, t.message_count`;

export function searchMessages(db: Db, query: SearchQuery, options: SearchOptions): SearchResult {
  const { must: positive, mustNot } = ftsExpressions(query);
  // source: names what to search; mail is searched unless only other sources are named.
  const wantsMail = query.sources.length === 0 || query.sources.includes('mail');
  if (!wantsMail || (isEmptyQuery(query) && !mustNot)) return { items: [] };

  // Next to positive words a negation is part of one FTS5 expression: FTS5 subtracts the
  // doclists while merging them, where NOT IN materialised every match of a common word
  // (bench: "w3 -w1" over 100k messages, p50 25 -> ~10 ms).
  const must = positive && mustNot ? `(${positive}) NOT (${mustNot})` : positive;
  const where: string[] = [];
  const params: Record<string, string | number> = { limit: options.limit + 1 };
  if (!positive && mustNot) {
    where.push('m.id NOT IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH @mustNot)');
    params.mustNot = mustNot;
  }
  query.folders.forEach((folder, i) => {
    params[`folder${i}`] = folder;
  });
  if (query.folders.length) {
    // A folder by its full path, or by its last segment ("in:sent" finds "INBOX.Sent").
    const match = query.folders.map(
      (_, i) =>
        `mb.path = @folder${i} COLLATE NOCASE OR mb.path LIKE '%/' || @folder${i} OR mb.path LIKE '%.' || @folder${i}`,
    );
    where.push(`(${match.join(' OR ')})`);
  }
  if (query.unread !== undefined) where.push(`m.seen = ${query.unread ? 0 : 1}`);
  if (query.flagged !== undefined) where.push(`m.flagged = ${query.flagged ? 1 : 0}`);
  if (query.hasAttachment !== undefined)
    where.push(`m.has_attachments = ${query.hasAttachment ? 1 : 0}`);
  if (query.after) {
    where.push('m.date >= @after');
    params.after = query.after;
  }
  if (query.before) {
    where.push('m.date < @before');
    params.before = query.before;
  }
  if (options.before) {
    where.push('(m.date, m.id) < (@cursorDate, @cursorId)');
    params.cursorDate = options.before.date;
    params.cursorId = Number(options.before.id);
  }
  // Both forms materialise the match set once (measured: a per-row rowid probe into
  // FTS5 is slower for nearly every shape); what changes is which side drives.
  const walk = byDate(db, must);
  if (must) {
    where.unshift('m.id IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH @must)');
    params.must = must;
  }
  const sql = `SELECT ${COLUMNS_SQL}
    FROM messages m ${walk ? 'INDEXED BY messages_by_date' : ''}
      JOIN mailboxes mb ON mb.id = m.mailbox_id
      LEFT JOIN threads t ON t.id = m.thread_id
    WHERE ${where.length ? where.join(' AND ') : '1'}
    ORDER BY m.date DESC, m.id DESC LIMIT @limit`;
  const rows = stmt(db, sql).all(params) as HitRow[];
  const items = rows.slice(0, options.limit).map(rowToHit);
  const last = items[items.length - 1];
  return rows.length > options.limit && last
    ? { items, next: { date: last.date, id: last.messageId } }
    : { items };
}
