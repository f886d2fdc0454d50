// Pure mappers from Zulip REST payloads to connector shapes.
//
// Mapping (Zulip has no posts, only messages in topics of channels, a.k.a. streams):
// - a space is a stream the user is subscribed to;
// - a post is the first message of a topic, titled with the topic name;
// - a comment is any later message of that topic; its post is the topic's first message;
// - direct messages are not in any space and are not read.
// Zulip gives Unix seconds and HTML already rendered (apply_markdown=true).
import type { RemoteItem, RemoteSpace, RseIdentity } from '../connector';
import { toIso } from '../markup';

export interface ZulipUser {
  user_id: number;
  full_name: string;
  email: string;
  avatar_url?: string | null;
}

export interface ZulipSubscription {
  stream_id: number;
  name: string;
  description?: string;
}

export interface ZulipMessage {
  id: number;
  type: 'stream' | 'private' | string;
  stream_id?: number;
  display_recipient: string | unknown[];
  subject: string;
  content: string;
  timestamp: number;
  last_edit_timestamp?: number;
  sender_full_name: string;
  avatar_url?: string | null;
  flags?: string[];
}

/** The flags Zulip sets on a message that notifies this user. */
const MENTION_FLAGS = [
  'mentioned',
  'wildcard_mentioned',
  'stream_wildcard_mentioned',
  'topic_wildcard_mentioned',
];

export function mapUser(user: ZulipUser): RseIdentity {
  return {
    remoteId: String(user.user_id),
    name: user.full_name,
    // What others type to mention: @**Full Name**.
    handle: user.full_name,
    ...(user.avatar_url ? { avatarUrl: user.avatar_url } : {}),
  };
}

export function mapSubscription(sub: ZulipSubscription): RemoteSpace {
  return {
    remoteId: String(sub.stream_id),
    name: sub.name,
    ...(sub.description ? { description: sub.description } : {}),
  };
}

export function isStreamMessage(message: ZulipMessage): boolean {
  return (
    (message.type === 'stream' || message.type === 'channel') && message.stream_id !== undefined
  );
}

export const mentionsMe = (message: ZulipMessage): boolean =>
  (message.flags ?? []).some((flag) => MENTION_FLAGS.includes(flag));

/** Zulip's own URL-fragment encoding (web/src/internal_url.ts): % becomes '.'. */
export function encodeHashComponent(text: string): string {
  return encodeURIComponent(text).replace(
    /[%().]/g,
    (c) => ({ '%': '.', '(': '.28', ')': '.29', '.': '.2E' })[c] ?? c,
  );
}

export function permalink(baseUrl: string, message: ZulipMessage): string {
  const stream = typeof message.display_recipient === 'string' ? message.display_recipient : '';
  const slug = `${message.stream_id}-${stream.replace(/ /g, '-')}`;
  return `${baseUrl}/#narrow/stream/${encodeHashComponent(slug)}/topic/${encodeHashComponent(message.subject)}/near/${message.id}`;
}

/** A topic's identity: topic names are unique per stream, case-insensitively. */
export const topicKey = (streamId: number | string, topic: string): string =>
  `${streamId}\u0000${topic.toLowerCase()}`;

/**
 * One stream message; `firstId` is the id of the first message of its topic (itself for
 * the message that opened the topic).
 */
export function mapMessage(
  message: ZulipMessage,
  firstId: number,
  baseUrl: string,
  observedAt: string,
): RemoteItem {
  const isPost = message.id === firstId;
  return {
    kind: isPost ? 'post' : 'comment',
    remoteId: String(message.id),
    spaceRemoteId: String(message.stream_id),
    postRemoteId: isPost ? null : String(firstId),
    parentRemoteId: null,
    author: {
      name: message.sender_full_name,
      ...(message.avatar_url ? { avatarUrl: message.avatar_url } : {}),
    },
    title: isPost ? message.subject : null,
    bodyHtml: message.content,
    createdAt: toIso(message.timestamp, observedAt, 's'),
    editedAt: message.last_edit_timestamp
      ? toIso(message.last_edit_timestamp, observedAt, 's')
      : null,
    permalink: permalink(baseUrl, message),
    mentionsMe: mentionsMe(message),
  };
}
