// RSE posts as timeline rows: a post with its comments is one row, dated by its latest
// activity (rse_items.activity_at, kept by the writer), read through rse_posts_by_activity.
import type { RseNetwork, TimelineItem } from '../../../shared/domain';

export const RSE_PREFIX = 'rse-post:';

export interface RsePostRow {
  id: number;
  account_id: string;
  title: string | null;
  body_html: string;
  author_name: string;
  activity_at: string;
  comment_count: number;
  unread_count: number;
  permalink: string | null;
  mentions_me: number;
  space_name: string | null;
  network: RseNetwork;
}

// The partial index applies only when the query repeats its WHERE terms literally.
const COLUMNS = `SELECT p.id, p.account_id, p.title, p.body_html, p.author_name, p.activity_at,
    p.comment_count, p.unread_count, p.permalink, p.mentions_me, s.name AS space_name,
    a.kind AS network
  FROM rse_items p
  JOIN accounts a ON a.id = p.account_id
  LEFT JOIN rse_spaces s ON s.account_id = p.account_id AND s.remote_id = p.space_remote_id`;
const ORDER = 'ORDER BY p.activity_at DESC, p.id DESC LIMIT @limit';
const WHERE = "p.kind = 'post' AND p.deleted = 0 AND (@unreadOnly = 0 OR p.unread_count > 0)";

export const RSE_FIRST_PAGE = `${COLUMNS} WHERE ${WHERE} ${ORDER}`;
export const RSE_NEXT_PAGE = `${COLUMNS}
  WHERE (p.activity_at, p.id) < (@beforeDate, @beforeId) AND ${WHERE} ${ORDER}`;

/** Text for the snippet line: tags dropped, entities for spaces and quotes decoded. */
export function htmlToSnippet(html: string, max = 200): string {
  const text = html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;|&#160;/g, ' ')
    .replace(/&#8217;|&rsquo;/g, '\u2019')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function rsePostToItem(row: RsePostRow): TimelineItem {
  return {
    id: `${RSE_PREFIX}${row.id}`,
    kind: 'rse-post',
    accountId: row.account_id,
    threadId: `${RSE_PREFIX}${row.id}`,
    subject: row.title ?? '',
    from: { name: row.author_name, address: '' },
    snippet: htmlToSnippet(row.body_html),
    date: row.activity_at,
    unread: row.unread_count > 0,
    flagged: false,
    messageCount: 1 + row.comment_count,
    postId: String(row.id),
    title: row.title ?? '',
    ...(row.space_name ? { spaceName: row.space_name } : {}),
    network: row.network,
    commentCount: row.comment_count,
    ...(row.permalink ? { permalink: row.permalink } : {}),
    mentionsMe: row.mentions_me === 1,
  };
}
