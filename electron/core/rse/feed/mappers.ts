// Pure mapping of parsed feed entries to connector items. A feed has no notion of
// comments, so they are recognised two ways: Atom threading (thr:in-reply-to names the
// post's id) and comment feeds such as WordPress's /comments/feed/, whose items link to
// "<post link>#comment-N": an entry whose link, without its fragment, is a known post's
// link is a comment on that post.
import type { RemoteItem } from '../connector';
import type { FeedEntry } from './parse';

export interface FeedRead {
  /** The space: the feed's URL as followed. */
  feedUrl: string;
  /** Where the document was finally served from (after redirects): links resolve there. */
  baseUrl: string;
  entries: FeedEntry[];
}

/** Post links already seen (link without fragment -> post id), persisted across reads. */
export type LinkIndex = Record<string, string>;
export const LINK_INDEX_STREAM = 'post-links';
/** Comments on older posts than this are rare in feeds, which list recent items only. */
const LINK_INDEX_SIZE = 1000;

export function withoutFragment(link: string | null): string | null {
  if (!link) return null;
  const hash = link.indexOf('#');
  return hash < 0 ? link : link.slice(0, hash);
}

function absolute(link: string | null, base: string): string | null {
  if (!link) return null;
  try {
    return new URL(link, base).toString();
  } catch {
    return null;
  }
}

function postIdFor(entry: FeedEntry, links: Map<string, string>, ids: Set<string>) {
  if (entry.inReplyTo) return entry.inReplyTo;
  if (!entry.link?.includes('#')) return null;
  const target = withoutFragment(entry.link)!;
  return links.get(target) ?? (ids.has(target) ? target : null);
}

/**
 * Maps every entry read in one sync; `index` is updated in place with the posts seen.
 * `knownPostIds` lets a comment find a post read in an earlier sync whose id is its link.
 */
export function mapEntries(reads: FeedRead[], index: LinkIndex, knownPostIds: string[]) {
  const now = new Date().toISOString();
  const entries = reads.flatMap((read) =>
    read.entries
      .filter((e) => e.id)
      .map((e) => ({ ...e, link: absolute(e.link, read.baseUrl), feedUrl: read.feedUrl })),
  );
  const links = new Map(Object.entries(index));
  const ids = new Set(knownPostIds);
  // Posts first (an entry without a reply target, whose link has no fragment).
  const isComment = (e: FeedEntry) => Boolean(e.inReplyTo) || Boolean(e.link?.includes('#'));
  for (const e of entries) {
    if (isComment(e)) continue;
    ids.add(e.id);
    const link = withoutFragment(e.link);
    if (link) links.set(link, e.id);
  }
  const commentPost = new Map<string, string>(); // comment id -> post id, for replies
  const items: RemoteItem[] = [];
  for (const e of entries) {
    let postId = isComment(e) ? postIdFor(e, links, ids) : null;
    let parentId: string | null = null;
    // A reply to a comment (thr:in-reply-to naming the comment) threads under its post.
    if (postId && commentPost.has(postId)) {
      parentId = postId;
      postId = commentPost.get(postId)!;
    }
    const base = {
      remoteId: e.id,
      author: { name: e.author?.trim() || 'Unknown' },
      bodyHtml: e.html,
      createdAt: e.published ?? e.updated ?? now,
      editedAt: e.updated && e.published && e.updated > e.published ? e.updated : null,
      permalink: e.link,
      mentionsMe: false,
    };
    if (postId && postId !== e.id) {
      commentPost.set(e.id, postId);
      items.push({
        ...base,
        kind: 'comment',
        spaceRemoteId: null,
        postRemoteId: postId,
        parentRemoteId: parentId,
        title: null,
      });
    } else {
      items.push({
        ...base,
        kind: 'post',
        spaceRemoteId: e.feedUrl,
        postRemoteId: null,
        parentRemoteId: null,
        title: e.title,
      });
    }
  }
  // Keep the most recent links only; insertion order is oldest first.
  const all = [...links.entries()];
  for (const key of Object.keys(index)) delete index[key];
  for (const [link, id] of all.slice(-LINK_INDEX_SIZE)) index[link] = id;
  return items;
}
