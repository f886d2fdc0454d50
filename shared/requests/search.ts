// Full-text search over every synced message (syntax in shared/search-query.ts). Results
// are messages newest first, shaped like timeline rows so the same list can show them,
// with keyset paging by (date, id) like the timeline.
import { z } from 'zod';
import type { Address, TimelineCursor } from '../domain';
import { request } from './define';

export interface SearchHit {
  /** `mail-message:<id>`, or `rse-post:<post id>` for an RSE post or one of its comments. */
  id: string;
  kind: 'mail-message' | 'rse-post';
  accountId: string;
  threadId: string;
  messageId: string;
  mailbox: string;
  subject: string;
  from: Address | null;
  snippet: string;
  date: string;
  unread: boolean;
  flagged: boolean;
  hasAttachments: boolean;
  /** Messages in the hit's thread, as the timeline counts them. */
  messageCount: number;
  // RSE hits (db/rse-search.ts): `messageId` is the item that matched (the post or its
  // newest matching comment), `mailbox` the space's name, `subject` the post's title.
  /** The account kind (wordpress, mattermost, feed…). */
  network?: string;
  postId?: string;
  spaceName?: string;
  permalink?: string;
}

export interface SearchResult {
  items: SearchHit[];
  /** Pass back as `before` for the next (older) page; absent on the last page. */
  next?: TimelineCursor;
}

export const SearchParams = z
  .object({
    query: z.string().max(1000),
    limit: z.number().int().min(1).max(200).default(50),
    before: z.object({ date: z.string(), id: z.string() }).strict().optional(),
  })
  .strict();
export type SearchParams = z.input<typeof SearchParams>;

export const searchRequests = {
  'search.query': request<SearchResult>()(SearchParams),
} as const;
