// Full-text search over RSE posts and comments (rse_items_fts, migration 0012), and the
// merge with mail search (db/search.ts) into one newest-first list. A comment that
// matches brings up its post, dated by the newest matching item, so a post appears once.
// Kept apart from db/search.ts so mail search can be tuned on its own; both read the same
// parsed query and share the FTS expression builder, so the syntax means the same here.
import type { SearchHit, SearchResult } from '../../../shared/requests/search';
import type { SearchQuery, SearchTerm } from '../../../shared/search-query';
import { isEmptyQuery } from '../../../shared/search-query';
import type { Db } from './connection';
import { RSE_PREFIX, htmlToSnippet } from './rse-timeline';
import { searchMessages, termExpression, type SearchOptions } from './search';
import { stmt } from './statements';

// from: is the author; subject: the title; to: has no meaning for a post (see rseFilters).
const COLUMNS: Record<SearchTerm['field'], string | null> = {
  any: null,
  from: 'author',
  to: null,
  subject: 'title',
};

/** One term over rse_items_fts: the mail builder's expression, with this table's column. */
function rseTerm(term: SearchTerm): string | null {
  // Built as an 'any' term (no mail column), keeping the adjacency a column term implies.
  const body = termExpression({
    ...term,
    field: 'any',
    phrase: term.phrase || term.field !== 'any',
  });
  const column = COLUMNS[term.field];
  return body && column ? `${column} : (${body})` : body;
}

function rseExpressions(query: SearchQuery) {
  const join = (terms: SearchTerm[], op: string) => {
    const parts = terms.map(rseTerm).filter(Boolean);
    return parts.length ? parts.join(op) : null;
  };
  return {
    must: join(
      query.terms.filter((t) => !t.negated),
      ' AND ',
    ),
    mustNot: join(
      query.terms.filter((t) => t.negated),
      ' OR ',
    ),
  };
}

/** The account kinds asked for: all when no source: is given, none for source:mail alone. */
export function rseKinds(sources: string[]): string[] | 'all' {
  if (sources.length === 0 || sources.includes('rse')) return 'all';
  return sources.filter((s) => s !== 'mail');
}

interface RseHitRow {
  post_id: number;
  item_id: number;
  at: string;
  account_id: string;
  network: string;
  title: string | null;
  permalink: string | null;
  comment_count: number;
  unread_count: number;
  space_name: string | null;
  author_name: string;
  body_html: string;
}

function rowToHit(row: RseHitRow): SearchHit {
  const snippet = htmlToSnippet(row.body_html);
  return {
    id: `${RSE_PREFIX}${row.post_id}`,
    kind: 'rse-post',
    accountId: row.account_id,
    threadId: `${RSE_PREFIX}${row.post_id}`,
    messageId: String(row.item_id),
    mailbox: row.space_name ?? '',
    // Networks without titles (Mattermost, Mastodon): the text is what identifies a post.
    subject: row.title || snippet,
    from: { name: row.author_name, address: '' },
    snippet,
    date: row.at,
    unread: row.unread_count > 0,
    flagged: false,
    hasAttachments: false,
    messageCount: 1 + row.comment_count,
    network: row.network,
    postId: String(row.post_id),
    ...(row.space_name ? { spaceName: row.space_name } : {}),
    ...(row.permalink ? { permalink: row.permalink } : {}),
  };
}

// Above this many matching items, walking items newest first and keeping the first item
// of each post stops after about a page of posts; below it, grouping the matches by post
// and sorting them is cheaper. FTS5 cannot say how many rows a MATCH yields, so the core
// counts up to this bound (as mail search does, db/search.ts).
const COMMON_TERM = 1000;

// A walk for a later page starts from the top and skips what earlier pages showed; past
// this many items above the cursor, grouping costs less (about what a walk of 4,000 does).
const DEEP_WALK = 4000;

function byDate(db: Db, must: string | null, cursorDate: string | null): boolean {
  if (cursorDate !== null) {
    const above = stmt(
      db,
      `SELECT count(*) AS n FROM (SELECT 1 FROM rse_items INDEXED BY rse_items_by_date
        WHERE deleted = 0 AND created_at >= ? LIMIT ${DEEP_WALK})`,
    ).get(cursorDate) as { n: number };
    if (above.n >= DEEP_WALK) return false;
  }
  if (!must) return true;
  const probe = stmt(
    db,
    `SELECT count(*) AS n FROM (SELECT 1 FROM rse_items_fts WHERE rse_items_fts MATCH ? LIMIT ${COMMON_TERM})`,
  ).get(must) as { n: number };
  return probe.n >= COMMON_TERM;
}

/** A post on the page: its newest matching item and that item's date. */
interface Pick {
  post_id: number;
  item_id: number;
  at: string;
}

/** (at, post) strictly before the cursor, in the page's order (newest first, then higher id). */
const beforeCursor = (p: Pick, date: string, id: number) =>
  p.at < date || (p.at === date && p.post_id < id);

/** Posts (via themselves or their comments) matching the query, newest match first. */
export function searchRse(db: Db, query: SearchQuery, options: SearchOptions): SearchResult {
  const kinds = rseKinds(query.sources);
  const { must, mustNot } = rseExpressions(query);
  // Asked of mail only: recipients, flags and attachments, which RSE items never have.
  const mailOnly =
    query.flagged === true ||
    query.hasAttachment === true ||
    query.terms.some((t) => t.field === 'to' && !t.negated);
  if (kinds.length === 0 || mailOnly || (isEmptyQuery(query) && !mustNot)) return { items: [] };

  const where: string[] = ['p.deleted = 0'];
  const params: Record<string, string | number> = {};
  if (must) {
    where.push('i.id IN (SELECT rowid FROM rse_items_fts WHERE rse_items_fts MATCH @must)');
    params.must = must;
  }
  if (mustNot) {
    where.push('i.id NOT IN (SELECT rowid FROM rse_items_fts WHERE rse_items_fts MATCH @mustNot)');
    params.mustNot = mustNot;
  }
  if (kinds !== 'all') {
    params.kinds = JSON.stringify(kinds);
    where.push(
      'EXISTS (SELECT 1 FROM accounts a WHERE a.id = p.account_id AND a.kind IN (SELECT value FROM json_each(@kinds)))',
    );
  }
  if (query.folders.length) {
    // in:SPACE names a space (by name, "#name" or remote id) for RSE items.
    params.spaces = JSON.stringify(query.folders.map((f) => f.replace(/^#/, '').toLowerCase()));
    where.push(`EXISTS (SELECT 1 FROM rse_spaces s WHERE s.account_id = p.account_id
      AND s.remote_id = p.space_remote_id
      AND (lower(s.name) IN (SELECT value FROM json_each(@spaces))
        OR s.remote_id IN (SELECT value FROM json_each(@spaces))))`);
  }
  if (query.unread !== undefined) where.push(`i.read = ${query.unread ? 0 : 1}`);
  if (query.after) {
    where.push('i.created_at >= @after');
    params.after = query.after;
  }
  if (query.before) {
    where.push('i.created_at < @before');
    params.before = query.before;
  }
  // A cursor from a mail hit ends RSE's page at that instant: at equal dates RSE posts
  // come first (the timeline's order), so they were all shown already.
  const cursor = options.before
    ? {
        date: options.before.date,
        id: options.before.id.startsWith(RSE_PREFIX)
          ? Number(options.before.id.slice(RSE_PREFIX.length))
          : -1,
      }
    : null;
  const from = `FROM rse_items i
      JOIN rse_items p ON p.id = coalesce(i.post_id, i.id)`;
  const filter = `WHERE i.deleted = 0 AND ${where.join(' AND ')}`;
  const wanted = options.limit + 1;
  let picks: Pick[];
  if (byDate(db, must, cursor?.date ?? null)) {
    // Matching items newest first on rse_items_by_date (0013); a post's first item is its
    // newest match, later ones are dropped here. A post met above the cursor was on an
    // earlier page. The walk goes on through the last date taken, so posts matching at
    // that same instant are all seen before the page is cut.
    const rows = stmt(
      db,
      `SELECT p.id AS post_id, i.id AS item_id, i.created_at AS at
      FROM rse_items i INDEXED BY rse_items_by_date
        JOIN rse_items p ON p.id = coalesce(i.post_id, i.id)
      ${filter} ORDER BY i.created_at DESC, i.id DESC`,
    ).iterate(params) as IterableIterator<Pick>;
    const seen = new Set<number>();
    picks = [];
    for (const row of rows) {
      if (picks.length >= wanted && row.at < picks[picks.length - 1]!.at) break;
      if (seen.has(row.post_id)) continue;
      seen.add(row.post_id);
      if (!cursor || beforeCursor(row, cursor.date, cursor.id)) picks.push(row);
    }
    picks.sort((a, b) => (a.at === b.at ? b.post_id - a.post_id : a.at < b.at ? 1 : -1));
    picks = picks.slice(0, wanted);
  } else {
    // Few matches: group them by post. SQLite gives bare columns beside max() the values
    // of the row holding the max, which names the newest matching item.
    const having = cursor ? 'HAVING (max(i.created_at), p.id) < (@cursorDate, @cursorId)' : '';
    if (cursor) {
      params.cursorDate = cursor.date;
      params.cursorId = cursor.id;
    }
    picks = stmt(
      db,
      `SELECT p.id AS post_id, i.id AS item_id, max(i.created_at) AS at ${from}
      ${filter} GROUP BY p.id ${having}
      ORDER BY at DESC, p.id DESC LIMIT ${wanted}`,
    ).all(params) as Pick[];
  }
  const items = details(db, picks.slice(0, options.limit));
  const last = items[items.length - 1];
  return picks.length > options.limit && last ? { items, next: cursorOf(last) } : { items };
}

/** The hits for the picked posts, in the picks' order: one query for the whole page. */
function details(db: Db, picks: Pick[]): SearchHit[] {
  if (!picks.length) return [];
  const rows = stmt(
    db,
    `SELECT p.id AS post_id, i.id AS item_id, i.created_at AS at,
      p.account_id, a.kind AS network, p.title, p.permalink, p.comment_count, p.unread_count,
      s.name AS space_name, i.author_name, i.body_html
    FROM rse_items i
      JOIN rse_items p ON p.id = coalesce(i.post_id, i.id)
      JOIN accounts a ON a.id = p.account_id
      LEFT JOIN rse_spaces s ON s.account_id = p.account_id AND s.remote_id = p.space_remote_id
    WHERE i.id IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(picks.map((p) => p.item_id))) as RseHitRow[];
  const byItem = new Map(rows.map((r) => [r.item_id, r]));
  return picks.flatMap((p) => {
    const row = byItem.get(p.item_id);
    return row ? [rowToHit({ ...row, at: p.at })] : [];
  });
}

function cursorOf(hit: SearchHit): { date: string; id: string } {
  return { date: hit.date, id: hit.kind === 'rse-post' ? hit.id : hit.messageId };
}

/** The timeline's order: newer first; at the same instant RSE before mail; then higher id. */
function compare(a: SearchHit, b: SearchHit): number {
  const byDate = Date.parse(b.date) - Date.parse(a.date);
  if (byDate !== 0) return byDate;
  if (a.kind !== b.kind) return a.kind === 'rse-post' ? -1 : 1;
  return keyId(b) - keyId(a);
}

const keyId = (hit: SearchHit) => Number(hit.kind === 'rse-post' ? hit.postId : hit.messageId);

/** Merges two pages, each sorted and each holding up to `limit` hits past the cursor. */
export function mergeResults(mail: SearchResult, rse: SearchResult, limit: number): SearchResult {
  const all = [...mail.items, ...rse.items].sort(compare);
  const items = all.slice(0, limit);
  const more = all.length > limit || mail.next !== undefined || rse.next !== undefined;
  const last = items[items.length - 1];
  return more && last ? { items, next: cursorOf(last) } : { items };
}

/** search.query: mail messages and RSE posts, one page newest first. */
export function searchAll(db: Db, query: SearchQuery, options: SearchOptions): SearchResult {
  const before = options.before;
  // After an RSE hit, every mail at that instant is still to come (RSE sorts first).
  const mailBefore =
    before?.id.startsWith(RSE_PREFIX) === true
      ? { date: before.date, id: String(Number.MAX_SAFE_INTEGER) }
      : before;
  const mail = searchMessages(db, query, { ...options, before: mailBefore });
  const rse = searchRse(db, query, options);
  return mergeResults(mail, rse, options.limit);
}
