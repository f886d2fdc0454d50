// Pure mappers from WordPress REST payloads (wp/v2) to connector shapes. WordPress gives
// GMT times without a zone suffix ("2026-03-01T09:00:00"); they become ISO UTC here.
import type { RemoteItem, RemoteSpace } from '../connector';

export interface WpRendered {
  rendered: string;
}

export interface WpUser {
  id: number;
  name: string;
  slug: string;
  avatar_urls?: Record<string, string>;
}

export interface WpCategory {
  id: number;
  name: string;
  description?: string;
  count?: number;
}

export interface WpPost {
  id: number;
  date_gmt: string;
  modified_gmt: string;
  status: string;
  link: string;
  title: WpRendered;
  content: WpRendered;
  author: number;
  categories?: number[];
  _embedded?: { author?: Partial<WpUser>[] };
}

export interface WpComment {
  id: number;
  post: number;
  parent: number;
  author_name: string;
  author_avatar_urls?: Record<string, string>;
  date_gmt: string;
  content: WpRendered;
  link: string;
  status?: string;
}

export interface WpMedia {
  id: number;
  source_url: string;
  media_type: string;
  mime_type?: string;
}

/** "2026-03-01T09:00:00" (GMT, no zone) -> "2026-03-01T09:00:00.000Z". */
export function gmtToIso(gmt: string): string {
  const withZone = /[zZ]|[+-]\d\d:?\d\d$/.test(gmt) ? gmt : `${gmt}Z`;
  const time = Date.parse(withZone);
  if (Number.isNaN(time)) throw new Error(`Not a WordPress date: ${gmt}`);
  return new Date(time).toISOString();
}

/** The inverse, for `after` / `modified_after` query parameters. */
export function isoToGmt(iso: string): string {
  return new Date(iso).toISOString().slice(0, 19);
}

/** The largest avatar WordPress offers at most 96 px: sharp on HiDPI rows, not huge. */
export function pickAvatar(urls: Record<string, string> | undefined): string | undefined {
  if (!urls) return undefined;
  const sizes = Object.keys(urls)
    .map(Number)
    .filter((n) => Number.isFinite(n) && n <= 96)
    .sort((a, b) => b - a);
  return sizes.length ? urls[String(sizes[0])] : undefined;
}

// WordPress has no mentions; "@slug" in the text is the P2 convention the intranets use.
export function mentions(html: string, handle: string | undefined): boolean {
  if (!handle) return false;
  const escaped = handle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\w@])@${escaped}(?![\\w-])`, 'i').test(html);
}

/** Titles arrive HTML-escaped ("Q&amp;A"); the timeline shows text. */
export function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/&amp;/g, '&');
}

export function mapCategory(category: WpCategory): RemoteSpace {
  return {
    remoteId: String(category.id),
    name: decodeEntities(category.name),
    ...(category.description ? { description: category.description } : {}),
  };
}

/**
 * A post in one space. WordPress posts may sit in several categories; the engine asks
 * per followed space, so the space is the one the post was read for.
 */
export function mapPost(post: WpPost, spaceRemoteId: string, handle?: string): RemoteItem {
  const author = post._embedded?.author?.[0];
  const created = gmtToIso(post.date_gmt);
  const modified = gmtToIso(post.modified_gmt);
  return {
    kind: 'post',
    remoteId: String(post.id),
    spaceRemoteId,
    postRemoteId: null,
    parentRemoteId: null,
    author: {
      name: author?.name ?? `User ${post.author}`,
      ...(pickAvatar(author?.avatar_urls) ? { avatarUrl: pickAvatar(author?.avatar_urls) } : {}),
    },
    title: decodeEntities(post.title.rendered),
    bodyHtml: post.content.rendered,
    createdAt: created,
    editedAt: modified > created ? modified : null,
    permalink: post.link,
    mentionsMe: mentions(post.content.rendered, handle),
  };
}

export function mapComment(comment: WpComment, handle?: string): RemoteItem {
  const avatar = pickAvatar(comment.author_avatar_urls);
  return {
    kind: 'comment',
    remoteId: String(comment.id),
    spaceRemoteId: null,
    postRemoteId: String(comment.post),
    parentRemoteId: comment.parent ? String(comment.parent) : null,
    author: { name: comment.author_name || 'Anonymous', ...(avatar ? { avatarUrl: avatar } : {}) },
    title: null,
    bodyHtml: comment.content.rendered,
    createdAt: gmtToIso(comment.date_gmt),
    editedAt: null, // WordPress keeps no modification time for comments
    permalink: comment.link,
    mentionsMe: mentions(comment.content.rendered, handle),
  };
}

/** Attachments become links (images inline) at the end of the post body. */
export function appendMedia(bodyHtml: string, media: WpMedia[]): string {
  const parts = media.map((m) => {
    const url = escapeAttribute(m.source_url);
    return m.media_type === 'image'
      ? `<p><img src="${url}" alt="" /></p>`
      : `<p><a href="${url}">${url}</a></p>`;
  });
  return [bodyHtml, ...parts].join('\n');
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
