// Exactly-once posting on Discourse. Discourse keeps each post's `raw` Markdown as
// written and cooks it to HTML through an allow-list sanitiser that drops HTML comments,
// so a marker appended to the raw as `<!-- marker -->` is stored but never shown. A
// retried part finds its post again by reading raws: the latest posts list (which
// carries raw) for a topic, the topic's posts one by one (GET /posts/{id}.json) for a reply.
import type { DcPost } from './mappers';

/** Latest-posts pages read when looking for a topic; a lost topic is among the newest. */
export const TOPIC_SEARCH_PAGES = 3;
/** A topic's newest posts read when looking for a reply. */
export const REPLY_SEARCH_POSTS = 100;

/** The raw with the marker appended where readers never see it. */
export function withHiddenMarker(raw: string, marker: string | undefined): string {
  return marker ? `${raw}\n\n${hiddenMarker(marker)}` : raw;
}

export function hiddenMarker(marker: string): string {
  return `<!-- ${marker} -->`;
}

/** Markers are letters and digits of fixed width, so a substring test cannot mistake one. */
export function carriesMarker(raw: string | undefined, marker: string): boolean {
  return typeof raw === 'string' && raw.includes(hiddenMarker(marker));
}

export interface DcPostWithRaw extends DcPost {
  raw?: string;
  yours?: boolean;
}

/** A topic as GET /t/{id}.json reports it: every post id, and the first posts in full. */
export interface DcTopic {
  id: number;
  title?: string;
  slug?: string;
  category_id?: number;
  post_stream?: { stream?: number[]; posts?: DcPostWithRaw[] };
}

/**
 * The ids of the topic's replies worth reading, newest first: not the opening post, not
 * a post the topic page already says is someone else's, at most REPLY_SEARCH_POSTS.
 */
export function replyCandidates(topic: DcTopic): number[] {
  const known = new Map((topic.post_stream?.posts ?? []).map((p) => [p.id, p]));
  const stream = topic.post_stream?.stream ?? [];
  return stream
    .slice(1) // the first id is the topic's opening post
    .filter((id) => typeof id === 'number' && known.get(id)?.yours !== false)
    .reverse()
    .slice(0, REPLY_SEARCH_POSTS);
}
