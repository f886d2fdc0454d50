// Requests of the enterprise social network (RSE): accounts, spaces, posts and comments.
import { z } from 'zod';
import type { Account, RseItem, RsePostDetail, RseSpace } from '../domain';
import { id, request } from './define';

const rseKind = z.enum(['wordpress', 'mattermost', 'zulip', 'discourse', 'mastodon', 'feed']);
const spaceRef = z.object({ accountId: id, spaceId: z.string().min(1).max(200) }).strict();

export const AddRseAccountParams = z
  .object({
    kind: rseKind,
    name: z.string().trim().min(1).max(100),
    url: z.url({ protocol: /^https?$/ }).max(2000),
    user: z.string().min(1).max(320).optional(),
    /** Application password, personal access token or API key: kept in the secret store. */
    secret: z.string().min(1).max(4096),
  })
  .strict();
export type AddRseAccountParams = z.infer<typeof AddRseAccountParams>;

/** A file to attach, base64 so it crosses JSON transports unchanged. */
const attachment = z
  .object({
    filename: z.string().min(1).max(255),
    contentType: z.string().min(1).max(255),
    dataBase64: z.string().max(40_000_000),
  })
  .strict();

export const CreateRsePostParams = z
  .object({
    accountId: id,
    spaceId: z.string().min(1).max(200),
    title: z.string().max(500).optional(),
    bodyHtml: z.string().min(1).max(1_000_000),
    attachments: z.array(attachment).max(20).default([]),
  })
  .strict();

/** A user of the network the composer can @mention, with the text that mentions them. */
export interface RseUserSuggestion {
  id: string;
  handle: string;
  displayName: string;
  /** What to insert: "@ada", "@**Ada Lovelace|12**" (Zulip), or a name (WordPress). */
  mention: string;
  /** Set when the mention is the name linked to this page (networks without mentions). */
  url?: string;
}

export const rseRequests = {
  'accounts.addRse': request<Account>()(AddRseAccountParams),
  'rse.spaces': request<RseSpace[]>()(
    z.object({ accountId: id, refresh: z.boolean().default(true) }).strict(),
  ),
  'rse.follow': request<RseSpace>()(spaceRef),
  'rse.unfollow': request<RseSpace>()(spaceRef),
  'rse.getPost': request<RsePostDetail | null>()(z.object({ postId: id }).strict()),
  'rse.markRead': request<null>()(z.object({ postId: id, read: z.boolean() }).strict()),
  'rse.createPost': request<RseItem>()(CreateRsePostParams),
  'rse.createComment': request<RseItem>()(
    z
      .object({
        postId: id,
        /** The local id of the comment answered; absent for a top-level comment. */
        parentId: id.optional(),
        bodyHtml: z.string().min(1).max(1_000_000),
      })
      .strict(),
  ),
  'rse.users.search': request<RseUserSuggestion[]>()(
    z
      .object({
        accountId: id,
        query: z.string().trim().min(1).max(100),
        limit: z.number().int().min(1).max(20).default(8),
      })
      .strict(),
  ),
} as const;
