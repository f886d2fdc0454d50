// Pure mappers from Mastodon REST payloads (docs.joinmastodon.org/entities) to connector
// shapes. Spaces are the home timeline and the user's lists. A status is a post, or a
// comment when it answers another (in_reply_to_id); Mastodon names only the status
// answered, not the thread's root, so that status stands as the comment's post. A boost
// shows the boosted status itself. Ids are strings of digits that grow with time.
import type { RemoteItem, RemoteSpace, RseIdentity } from '../connector';
import { escapeHtml, toIso } from '../markup';

export interface MdAccount {
  id: string;
  username: string;
  acct: string;
  display_name: string;
  avatar?: string;
  url?: string;
}

export interface MdList {
  id: string;
  title: string;
}

export interface MdMedia {
  id: string;
  type: string;
  url: string | null;
  description?: string | null;
}

export interface MdStatus {
  id: string;
  created_at: string;
  edited_at?: string | null;
  in_reply_to_id: string | null;
  content: string;
  spoiler_text?: string;
  url?: string | null;
  uri: string;
  account: MdAccount;
  mentions?: { id: string; acct: string }[];
  media_attachments?: MdMedia[];
  reblog?: MdStatus | null;
}

export interface MdNotification {
  id: string;
  type: string;
  created_at: string;
  status?: MdStatus | null;
}

export const HOME = 'home';
export const listSpaceId = (listId: string): string => `list:${listId}`;

/** Compares Mastodon ids (decimal strings, possibly beyond 2^53) numerically. */
export function compareIds(a: string, b: string): number {
  return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
}

export const maxId = (ids: string[]): string | undefined =>
  ids.reduce<string | undefined>(
    (max, id) => (max === undefined || compareIds(id, max) > 0 ? id : max),
    undefined,
  );

export function mapAccount(account: MdAccount): RseIdentity {
  return {
    remoteId: account.id,
    name: account.display_name || account.username,
    handle: account.acct,
    ...(account.avatar ? { avatarUrl: account.avatar } : {}),
  };
}

export function mapLists(lists: MdList[]): RemoteSpace[] {
  return [
    { remoteId: HOME, name: 'Home', description: 'Accounts you follow' },
    ...lists.map((list) => ({ remoteId: listSpaceId(list.id), name: list.title })),
  ];
}

function mediaHtml(media: MdMedia[]): string {
  return media
    .filter((m) => m.url)
    .map((m) => {
      const url = escapeHtml(m.url ?? '');
      const alt = escapeHtml(m.description ?? '');
      return m.type === 'image'
        ? `<p><img src="${url}" alt="${alt}" /></p>`
        : `<p><a href="${url}">${alt || url}</a></p>`;
    })
    .join('\n');
}

export function mapStatus(
  status: MdStatus,
  spaceRemoteId: string | null,
  meId: string | undefined,
  observedAt: string,
): RemoteItem {
  const shown = status.reblog ?? status;
  const media = mediaHtml(shown.media_attachments ?? []);
  // A content warning hides the text in Mastodon; here it leads it, clearly marked.
  const warning = shown.spoiler_text
    ? `<p><strong>CW: ${escapeHtml(shown.spoiler_text)}</strong></p>\n`
    : '';
  const reply = shown.in_reply_to_id;
  return {
    kind: reply ? 'comment' : 'post',
    remoteId: shown.id,
    spaceRemoteId: reply ? null : spaceRemoteId,
    postRemoteId: reply,
    parentRemoteId: reply,
    author: {
      name: shown.account.display_name || shown.account.username,
      ...(shown.account.avatar ? { avatarUrl: shown.account.avatar } : {}),
    },
    title: null,
    bodyHtml: `${warning}${shown.content}${media ? `\n${media}` : ''}`,
    createdAt: toIso(shown.created_at, observedAt),
    editedAt: shown.edited_at ? toIso(shown.edited_at, observedAt) : null,
    permalink: shown.url ?? shown.uri,
    mentionsMe: meId !== undefined && (shown.mentions ?? []).some((m) => m.id === meId),
  };
}

/** The same status met twice (home and a list, or a mention) is one item. */
export function mergeItems(items: RemoteItem[]): RemoteItem[] {
  const byId = new Map<string, RemoteItem>();
  for (const item of items) {
    const key = `${item.kind}:${item.remoteId}`;
    const seen = byId.get(key);
    if (!seen) byId.set(key, { ...item });
    else {
      seen.mentionsMe ||= item.mentionsMe;
      seen.spaceRemoteId ??= item.spaceRemoteId;
    }
  }
  return [...byId.values()];
}
