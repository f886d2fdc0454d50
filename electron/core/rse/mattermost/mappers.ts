// Pure mappers from Mattermost REST v4 payloads to connector shapes. Channels (open and
// private, in every team the user belongs to) are spaces; a post with a root_id is a
// comment on that root (Mattermost threads are flat: every reply answers the root).
// Times are epoch milliseconds; delete_at > 0 marks a deleted post, edit_at > 0 an edit.
import type { RemoteItem, RemoteSpace, RseIdentity } from '../connector';
import { escapeHtml, textToHtml, toIso } from '../markup';

export interface MmUser {
  id: string;
  username: string;
  first_name?: string;
  last_name?: string;
  nickname?: string;
  notify_props?: { mention_keys?: string; first_name?: string; channel?: string };
}

export interface MmTeam {
  id: string;
  name: string;
  display_name: string;
  delete_at?: number;
}

export interface MmChannel {
  id: string;
  team_id: string;
  type: string; // O open, P private, D direct, G group
  name: string;
  display_name: string;
  purpose?: string;
  delete_at?: number;
}

export interface MmFileInfo {
  id: string;
  name: string;
  mime_type?: string;
}

export interface MmPost {
  id: string;
  create_at: number;
  update_at: number;
  edit_at?: number;
  delete_at: number;
  user_id: string;
  channel_id: string;
  root_id?: string;
  message: string;
  type?: string;
  file_ids?: string[];
  metadata?: { files?: MmFileInfo[] };
  /** Free-form metadata; Passerelle keeps its idempotency marker there. */
  props?: Record<string, unknown>;
}

export interface MmPostList {
  order: string[];
  posts: Record<string, MmPost>;
}

export function displayName(user: MmUser): string {
  const full = [user.first_name, user.last_name].filter(Boolean).join(' ');
  return full || user.nickname || user.username;
}

export function mapUser(user: MmUser): RseIdentity {
  return { remoteId: user.id, name: displayName(user), handle: user.username };
}

/** Direct and group messages are conversations, not spaces one follows. */
export function isSpaceChannel(channel: MmChannel): boolean {
  return (
    (channel.type === 'O' || channel.type === 'P') && !(channel.delete_at && channel.delete_at > 0)
  );
}

export function mapChannel(channel: MmChannel, team: MmTeam): RemoteSpace {
  return {
    remoteId: channel.id,
    name: `${team.display_name} / ${channel.display_name || channel.name}`,
    ...(channel.purpose ? { description: channel.purpose } : {}),
  };
}

/**
 * The words that notify this user, as Mattermost's notify_props define them: @username
 * always, the custom mention keys, the first name when enabled, and @channel/@all/@here
 * when channel-wide mentions are on.
 */
export function mentionKeys(user: MmUser): string[] {
  const keys = [`@${user.username}`];
  const props = user.notify_props ?? {};
  for (const key of (props.mention_keys ?? '').split(',')) if (key.trim()) keys.push(key.trim());
  if (props.first_name === 'true' && user.first_name) keys.push(user.first_name);
  if (props.channel !== 'false') keys.push('@channel', '@all', '@here');
  return [...new Set(keys)];
}

export function mentionsAny(message: string, keys: string[]): boolean {
  return keys.some((key) => {
    const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // Mattermost matches keys as whole words, case-insensitively.
    return new RegExp(`(^|[^\\w@])${escaped}(?![\\w-])`, 'i').test(message);
  });
}

/** Join/leave and other system_* posts are noise in a timeline. */
export function isUserPost(post: MmPost): boolean {
  return !post.type?.startsWith('system_');
}

export const isDeleted = (post: MmPost): boolean => post.delete_at > 0;

export interface MmMapContext {
  baseUrl: string;
  users: ReadonlyMap<string, MmUser>;
  mentionKeys: string[];
  /** Posts the server said mention us (WebSocket `posted` events' mentions list). */
  mentionedPostIds: ReadonlySet<string>;
  /** The time we read the post, for answers without a usable time. */
  observedAt: string;
}

export function mapPost(post: MmPost, ctx: MmMapContext): RemoteItem {
  const user = ctx.users.get(post.user_id);
  const files = post.metadata?.files ?? [];
  const attachments = files.map((f) => `<li>${escapeHtml(f.name)}</li>`);
  const body =
    textToHtml(post.message) + (attachments.length ? `\n<ul>${attachments.join('')}</ul>` : '');
  const root = post.root_id || null;
  return {
    kind: root ? 'comment' : 'post',
    remoteId: post.id,
    spaceRemoteId: post.channel_id,
    postRemoteId: root,
    parentRemoteId: null,
    author: { name: user ? displayName(user) : post.user_id },
    title: null,
    bodyHtml: body,
    createdAt: toIso(post.create_at, ctx.observedAt),
    editedAt: post.edit_at && post.edit_at > 0 ? toIso(post.edit_at, ctx.observedAt) : null,
    // Mattermost resolves the team itself from this route.
    permalink: `${ctx.baseUrl}/_redirect/pl/${encodeURIComponent(post.id)}`,
    mentionsMe: ctx.mentionedPostIds.has(post.id) || mentionsAny(post.message, ctx.mentionKeys),
  };
}

/** Posts of a PostList; `order` is not trusted to name every entry, `posts` is. */
export function postsOf(list: MmPostList | null | undefined): MmPost[] {
  return Object.values(list?.posts ?? {});
}
