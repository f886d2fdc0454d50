// RSE as a notification source: posts and comments a commit stored for the first time,
// as neutral items for the policy. What is "new": the store upserts every item it reads
// (a poll re-reads edits) and reports them all as updates, so the source keeps the highest
// rse_items id it has looked at; ids only grow, so anything above it was inserted since.
// Starting at the store's maximum means a restart never re-announces stored items, and
// notify_sent (keys `rse:<account>:<kind>:<remote id>`) guards the rest.
import type { NotifySettings, UnreadCountMode } from '../../../shared/requests/notify';
import type { Db } from '../db/connection';
import { RSE_PREFIX, htmlToSnippet } from '../db/rse-timeline';
import { stmt } from '../db/statements';
import type { IncomingItem, Relevance } from './incoming-item';
import type { NotifySource } from './mail-source';
import { readLocale, readSettings } from './notify-store';
import { notifyTexts, type NotifyTexts } from './notify-texts';
import { sourceMode } from './policy';

export interface RseSourceOptions {
  /**
   * Posts the user follows beyond writing or commenting on them: the ones converted from
   * a mail thread (issue 6). The default reads the conversions table when it exists.
   */
  isFollowedPost?: (accountId: string, postRemoteId: string) => boolean;
}

interface Row {
  id: number;
  account_id: string;
  account_name: string;
  me: string | null;
  kind: 'post' | 'comment';
  remote_id: string;
  author_name: string;
  title: string | null;
  body_html: string;
  read: number;
  mentions_me: number;
  post_id: number;
  post_remote_id: string;
  post_title: string | null;
  post_author: string;
  space_remote_id: string | null;
  space_name: string | null;
  space_followed: number | null;
  /** I commented on the post before this item. */
  commented: number;
}

const CHUNK = 500;

/** The notification key of an RSE item: stable across restarts and re-reads. */
export const rseKey = (accountId: string, kind: string, remoteId: string) =>
  `rse:${accountId}:${kind}:${remoteId}`;

/** The source id whose mode applies to a space (`space:<id>` in the settings). */
export const spaceSourceId = (accountId: string, spaceRemoteId: string) =>
  `space:${accountId}:${spaceRemoteId}`;

export function rseSource(db: Db, options: RseSourceOptions = {}): NotifySource {
  const isFollowedPost = options.isFollowedPost ?? conversionsLookup(db);
  let seen = (stmt(db, 'SELECT max(id) AS n FROM rse_items').get() as { n: number | null }).n ?? 0;
  // An account without stored items is on its first sync: what it brings is one summary
  // for the account, whatever its spaces (the coalescer groups by source id).
  const known = new Set(
    (stmt(db, 'SELECT DISTINCT account_id FROM rse_items').all() as { account_id: string }[]).map(
      (r) => r.account_id,
    ),
  );
  return {
    itemsFor(deltas) {
      const ids = deltas
        .filter((d) => d.table === 'rse_items' && d.op !== 'delete')
        .flatMap((d) => d.ids.map(Number))
        .filter((id) => id > seen);
      if (ids.length === 0) return [];
      seen = Math.max(seen, ...ids);
      const rows: Row[] = [];
      for (let i = 0; i < ids.length; i += CHUNK)
        rows.push(...fetchRows(db, ids.slice(i, i + CHUNK)));
      const settings = readSettings(db);
      const firstSync = new Set(rows.map((r) => r.account_id).filter((a) => !known.has(a)));
      for (const row of rows) known.add(row.account_id);
      const texts = notifyTexts(readLocale(db));
      return rows
        .filter((row) => !isMine(row.author_name, row.me) && allowed(settings, row))
        .map((row) => toItem(row, firstSync.has(row.account_id), isFollowedPost, texts));
    },
  };
}

/**
 * The policy applies one source's mode (the item's sourceId); an RSE item answers to its
 * account's and its space's, so both are applied here, the stricter winning.
 */
function allowed(settings: NotifySettings, row: Row): boolean {
  const ids = [row.account_id];
  if (row.space_remote_id) ids.push(spaceSourceId(row.account_id, row.space_remote_id));
  return ids.every((id) => {
    const mode = sourceMode(settings, id);
    return mode === 'all' || (mode === 'mentions' && row.mentions_me === 1);
  });
}

function fetchRows(db: Db, ids: number[]): Row[] {
  return stmt(
    db,
    `SELECT i.id, i.account_id, a.name AS account_name, json_extract(a.settings, '$.user') AS me,
        i.kind, i.remote_id, i.author_name, i.title, i.body_html, i.read, i.mentions_me,
        p.id AS post_id, p.remote_id AS post_remote_id, p.title AS post_title,
        p.author_name AS post_author, p.space_remote_id, s.name AS space_name,
        s.followed AS space_followed,
        EXISTS (SELECT 1 FROM rse_items c WHERE c.post_id = p.id AND c.id < i.id
          AND lower(c.author_name) = lower(json_extract(a.settings, '$.user'))) AS commented
       FROM rse_items i
       JOIN rse_items p ON p.id = coalesce(i.post_id, i.id)
       JOIN accounts a ON a.id = i.account_id
       LEFT JOIN rse_spaces s ON s.account_id = p.account_id AND s.remote_id = p.space_remote_id
      WHERE i.id IN (SELECT value FROM json_each(?)) AND i.deleted = 0 AND p.deleted = 0
      ORDER BY i.created_at, i.id`,
  ).all(JSON.stringify(ids)) as Row[];
}

/** Whether the author is the account's user; networks report names, so it is by name. */
function isMine(author: string, me: string | null): boolean {
  return me !== null && me !== '' && author.toLowerCase() === me.toLowerCase();
}

function relevance(row: Row, isFollowedPost: RseSourceOptions['isFollowedPost']): Relevance {
  if (row.kind === 'post') return row.space_followed === 1 ? 'followed-space' : 'other';
  if (isMine(row.post_author, row.me)) return 'my-post';
  if (row.commented === 1 || isFollowedPost?.(row.account_id, row.post_remote_id))
    return 'followed-post';
  return 'other';
}

export function toItem(
  row: Row,
  firstSync: boolean,
  isFollowedPost?: RseSourceOptions['isFollowedPost'],
  texts: NotifyTexts = notifyTexts('en'),
): IncomingItem {
  const space = row.space_remote_id ? spaceSourceId(row.account_id, row.space_remote_id) : null;
  const where = row.space_name ? `#${row.space_name}` : row.account_name;
  const snippet = htmlToSnippet(row.body_html, 140);
  return {
    key: rseKey(row.account_id, row.kind, row.remote_id),
    itemId: `${RSE_PREFIX}${row.post_id}`,
    kind: row.kind === 'post' ? 'rse-post' : 'rse-comment',
    accountId: row.account_id,
    sourceId: firstSync || !space ? row.account_id : space,
    sourceName: firstSync || !space ? row.account_name : where,
    threadKey: `rse:${row.post_id}`,
    relevance: relevance(row, isFollowedPost),
    mentionsMe: row.mentions_me === 1,
    unread: row.read === 0,
    junk: false,
    title:
      row.kind === 'post'
        ? texts.authorIn(row.author_name, where)
        : texts.authorOn(row.author_name, row.post_title || texts.aPost),
    body: row.kind === 'post' ? row.title || snippet : snippet,
  };
}

/** Posts converted from mail (migration 0007), when that table exists in this profile. */
function conversionsLookup(db: Db): RseSourceOptions['isFollowedPost'] {
  const exists = stmt(
    db,
    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'conversions'",
  ).get();
  if (!exists) return undefined;
  const find = db.prepare(
    'SELECT 1 FROM conversions WHERE rse_account_id = ? AND post_remote_id = ? LIMIT 1',
  );
  return (accountId, postRemoteId) => find.get(accountId, postRemoteId) !== undefined;
}

/** `rse-post:<id>` as what muting acts on: its account and the neutral thread key. */
export function rseMuteTarget(
  db: Db,
  threadId: string,
): { accountId: string; threadKey: string } | undefined {
  if (!threadId.startsWith(RSE_PREFIX)) return undefined;
  const postId = Number(threadId.slice(RSE_PREFIX.length));
  const row = stmt(db, "SELECT account_id FROM rse_items WHERE id = ? AND kind = 'post'").get(
    postId,
  ) as { account_id: string } | undefined;
  return row && { accountId: row.account_id, threadKey: `rse:${postId}` };
}

/**
 * Unread RSE items for the badge: every unread post and comment for `all`; unread items
 * that mention me for the modes that count mentions.
 */
export function unreadRseCount(db: Db, mode: UnreadCountMode): number {
  const sql =
    mode === 'all'
      ? 'SELECT count(*) AS n FROM rse_items WHERE read = 0 AND deleted = 0'
      : 'SELECT count(*) AS n FROM rse_items WHERE read = 0 AND deleted = 0 AND mentions_me = 1';
  return (stmt(db, sql).get() as { n: number }).n;
}
