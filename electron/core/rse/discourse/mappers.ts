// Pure mappers from Discourse payloads to connector shapes. A category is a space; a
// topic is a post (its first post, post_number 1, gives the body; the topic id is the
// post's remote id, since replies name their topic); every later post of the topic is a
// comment whose remote id is the Discourse post id. Bodies are the server-rendered
// `cooked` HTML.
import type { RemoteItem, RemoteSpace, RseIdentity } from '../connector';
import { toIso } from '../markup';

export interface DcUser {
  id: number;
  username: string;
  name?: string | null;
  avatar_template?: string;
}

export interface DcCategory {
  id: number;
  name: string;
  slug: string;
  description_text?: string | null;
  read_restricted?: boolean;
}

export interface DcPost {
  id: number;
  username: string;
  name?: string | null;
  avatar_template?: string;
  created_at: string;
  updated_at?: string;
  cooked: string;
  post_number: number;
  post_type?: number;
  version?: number;
  topic_id: number;
  topic_slug?: string;
  topic_title?: string;
  category_id?: number;
  deleted_at?: string | null;
}

export interface DcNotification {
  id: number;
  notification_type: number;
  read: boolean;
  topic_id?: number | null;
  post_number?: number | null;
}

/** Notification types that mean "you were mentioned" (Notification.types in Discourse). */
export const MENTION_TYPES = new Set([1 /* mentioned */, 15 /* group_mentioned */]);
/** post_type 3 is a "small action" (closed, pinned…): not something anyone wrote. */
const SMALL_ACTION = 3;

/** "/user_avatar/host/name/{size}/1.png" -> an absolute 96 px URL. */
export function avatarUrl(baseUrl: string, template: string | undefined): string | undefined {
  if (!template || !template.includes('{size}')) return undefined;
  const path = template.replace('{size}', '96');
  return /^https?:\/\//.test(path) ? path : `${baseUrl}${path.startsWith('/') ? '' : '/'}${path}`;
}

export function mapUser(user: DcUser, baseUrl: string): RseIdentity {
  const avatar = avatarUrl(baseUrl, user.avatar_template);
  return {
    remoteId: String(user.id),
    name: user.name || user.username,
    handle: user.username,
    ...(avatar ? { avatarUrl: avatar } : {}),
  };
}

export function mapCategory(category: DcCategory): RemoteSpace {
  return {
    remoteId: String(category.id),
    name: category.name,
    ...(category.description_text ? { description: category.description_text } : {}),
  };
}

/** Keys of the posts this user's mention notifications point at. */
export function mentionKeys(notifications: DcNotification[]): Set<string> {
  const keys = new Set<string>();
  for (const n of notifications) {
    if (MENTION_TYPES.has(n.notification_type) && n.topic_id != null && n.post_number != null) {
      keys.add(`${n.topic_id}:${n.post_number}`);
    }
  }
  return keys;
}

/** Discourse sends deleted_at only for deleted posts (staff can still see them). */
export function isDeleted(post: DcPost): boolean {
  return typeof post.deleted_at === 'string' && !Number.isNaN(Date.parse(post.deleted_at));
}

export const isWritten = (post: DcPost): boolean => post.post_type !== SMALL_ACTION;

export interface DcMapContext {
  baseUrl: string;
  mentions: ReadonlySet<string>;
  observedAt: string;
  /** For answers that omit them (the post just created). */
  title?: string;
  categoryId?: string;
}

export function mapPost(post: DcPost, ctx: DcMapContext): RemoteItem {
  const isTopic = post.post_number === 1;
  const avatar = avatarUrl(ctx.baseUrl, post.avatar_template);
  const topicPath = `${ctx.baseUrl}/t/${post.topic_slug || '-'}/${post.topic_id}`;
  const created = toIso(post.created_at, ctx.observedAt);
  const category = post.category_id != null ? String(post.category_id) : (ctx.categoryId ?? null);
  return {
    kind: isTopic ? 'post' : 'comment',
    remoteId: String(isTopic ? post.topic_id : post.id),
    spaceRemoteId: isTopic ? category : null,
    postRemoteId: isTopic ? null : String(post.topic_id),
    parentRemoteId: null,
    author: { name: post.name || post.username, ...(avatar ? { avatarUrl: avatar } : {}) },
    title: isTopic ? (post.topic_title ?? ctx.title ?? null) : null,
    bodyHtml: post.cooked,
    createdAt: created,
    // `version` counts revisions; updated_at alone also moves on likes and replies.
    editedAt: (post.version ?? 1) > 1 ? toIso(post.updated_at, created) : null,
    permalink: isTopic ? topicPath : `${topicPath}/${post.post_number}`,
    mentionsMe: ctx.mentions.has(`${post.topic_id}:${post.post_number}`),
  };
}
