// RSE posts and comments. Every write is an upsert on (account, kind, remote id), so a
// replayed or overlapping read never duplicates; a post's timeline fields (latest
// activity, comment and unread counts) are recomputed by the writer after each change.
import type { RseItem } from '../../../shared/domain';
import type { ActivityBatch, RemoteItem } from '../rse/connector';
import type { Db } from './connection';
import type { DeltaCollector } from './deltas';
import { stmt } from './statements';

export interface RseItemRow {
  id: number;
  account_id: string;
  kind: 'post' | 'comment';
  remote_id: string;
  space_remote_id: string | null;
  post_id: number | null;
  parent_remote_id: string | null;
  author_name: string;
  author_avatar_url: string | null;
  title: string | null;
  body_html: string;
  created_at: string;
  edited_at: string | null;
  permalink: string | null;
  read: number;
  mentions_me: number;
  deleted: number;
}

export function rowToRseItem(row: RseItemRow): RseItem {
  return {
    id: String(row.id),
    accountId: row.account_id,
    kind: row.kind,
    remoteId: row.remote_id,
    spaceRemoteId: row.space_remote_id,
    postId: row.post_id === null ? null : String(row.post_id),
    parentRemoteId: row.parent_remote_id,
    author: {
      name: row.author_name,
      ...(row.author_avatar_url ? { avatarUrl: row.author_avatar_url } : {}),
    },
    title: row.title,
    bodyHtml: row.body_html,
    createdAt: row.created_at,
    editedAt: row.edited_at,
    permalink: row.permalink,
    read: row.read === 1,
    mentionsMe: row.mentions_me === 1,
  };
}

const UPSERT = `
  INSERT INTO rse_items (account_id, kind, remote_id, space_remote_id, post_id, parent_remote_id,
    author_name, author_avatar_url, title, body_html, created_at, edited_at, permalink, read,
    mentions_me, activity_at)
  VALUES (@accountId, @kind, @remoteId, @space, @postId, @parent, @authorName, @avatar, @title,
    @body, @createdAt, @editedAt, @permalink, @read, @mentionsMe, @createdAt)
  ON CONFLICT (account_id, kind, remote_id) DO UPDATE SET
    space_remote_id = coalesce(excluded.space_remote_id, space_remote_id),
    post_id = excluded.post_id, parent_remote_id = excluded.parent_remote_id,
    author_name = excluded.author_name, author_avatar_url = excluded.author_avatar_url,
    title = excluded.title, body_html = excluded.body_html, edited_at = excluded.edited_at,
    permalink = excluded.permalink, mentions_me = excluded.mentions_me,
    deleted = 0                             -- restored from the trash
  RETURNING id, post_id`;

function postIdFor(db: Db, accountId: string, remoteId: string): number | undefined {
  const row = stmt(
    db,
    "SELECT id FROM rse_items WHERE account_id = ? AND kind = 'post' AND remote_id = ?",
  ).get(accountId, remoteId) as { id: number } | undefined;
  return row?.id;
}

/**
 * Stores one item; returns its post's local id (itself for a post), or undefined when a
 * comment's post is not stored (a space the user does not follow): such comments are dropped.
 */
export function upsertRseItem(
  db: Db,
  accountId: string,
  item: RemoteItem,
  read: boolean,
  deltas: DeltaCollector,
): { id: number; postId: number } | undefined {
  const postId =
    item.kind === 'comment' && item.postRemoteId
      ? postIdFor(db, accountId, item.postRemoteId)
      : null;
  if (item.kind === 'comment' && postId === undefined) return undefined;
  const row = stmt(db, UPSERT).get({
    accountId,
    kind: item.kind,
    remoteId: item.remoteId,
    space: item.spaceRemoteId,
    postId,
    parent: item.parentRemoteId,
    authorName: item.author.name,
    avatar: item.author.avatarUrl ?? null,
    title: item.title,
    body: item.bodyHtml,
    createdAt: item.createdAt,
    editedAt: item.editedAt,
    permalink: item.permalink,
    read: read ? 1 : 0,
    mentionsMe: item.mentionsMe ? 1 : 0,
  }) as { id: number; post_id: number | null };
  deltas.add('rse_items', 'update', [row.id]);
  return { id: row.id, postId: row.post_id ?? row.id };
}

/** Applies one connector batch; returns the posts whose timeline row changed. */
export function applyActivity(
  db: Db,
  accountId: string,
  batch: Pick<ActivityBatch, 'items' | 'deleted'>,
  deltas: DeltaCollector,
): Set<number> {
  const touched = new Set<number>();
  // Posts first, so comments in the same batch find them.
  const ordered = [...batch.items].sort((a, b) =>
    a.kind === b.kind ? 0 : a.kind === 'post' ? -1 : 1,
  );
  for (const item of ordered) {
    const stored = upsertRseItem(db, accountId, item, false, deltas);
    if (stored) touched.add(stored.postId);
  }
  const markDeleted = stmt(
    db,
    'UPDATE rse_items SET deleted = 1 WHERE account_id = ? AND kind = ? AND remote_id = ? AND deleted = 0 RETURNING id, post_id',
  );
  for (const gone of batch.deleted) {
    const row = markDeleted.get(accountId, gone.kind, gone.remoteId) as
      { id: number; post_id: number | null } | undefined;
    if (row) {
      touched.add(row.post_id ?? row.id);
      deltas.add('rse_items', 'delete', [row.id]);
    }
  }
  refreshPosts(db, touched);
  return touched;
}

/** Recomputes what the timeline shows for the given posts. */
export function refreshPosts(db: Db, postIds: Iterable<number>): void {
  const update = stmt(
    db,
    `UPDATE rse_items SET
       comment_count = (SELECT count(*) FROM rse_items c WHERE c.post_id = rse_items.id AND c.deleted = 0),
       unread_count = (1 - read) + (SELECT count(*) FROM rse_items c
                          WHERE c.post_id = rse_items.id AND c.deleted = 0 AND c.read = 0),
       activity_at = max(created_at, coalesce((SELECT max(created_at) FROM rse_items c
                          WHERE c.post_id = rse_items.id AND c.deleted = 0), ''))
     WHERE id = ? AND kind = 'post'`,
  );
  for (const id of postIds) update.run(id);
}

export function knownPostIds(db: Db, accountId: string): string[] {
  return (
    stmt(
      db,
      "SELECT remote_id FROM rse_items WHERE account_id = ? AND kind = 'post' AND deleted = 0",
    ).all(accountId) as { remote_id: string }[]
  ).map((r) => r.remote_id);
}

export function getRseItem(db: Db, id: string): RseItemRow | undefined {
  const n = Number(id);
  if (!Number.isSafeInteger(n)) return undefined;
  return stmt(db, 'SELECT * FROM rse_items WHERE id = ?').get(n) as RseItemRow | undefined;
}

export function listComments(db: Db, postId: number): RseItemRow[] {
  return stmt(
    db,
    'SELECT * FROM rse_items WHERE post_id = ? AND deleted = 0 ORDER BY created_at, id',
  ).all(postId) as RseItemRow[];
}

/** Reading a post reads its comments too: they are shown together. */
export function markPostRead(db: Db, postId: number, read: boolean, deltas: DeltaCollector): void {
  const value = read ? 1 : 0;
  stmt(db, 'UPDATE rse_items SET read = ? WHERE (id = ? OR post_id = ?)').run(
    value,
    postId,
    postId,
  );
  refreshPosts(db, [postId]);
  deltas.add('rse_items', 'update', [postId]);
}
