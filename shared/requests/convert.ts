// Requests of the thread → post conversion: a preview (the plan, nothing sent), the
// conversion itself (an outbox task), the Converted view, and the per-account default.
import { z } from 'zod';
import type { CoreText } from '../core-text';
import type { ConversionState, RseNetwork } from '../domain';
import type { TaskInfo } from './mail-actions';
import { id, request } from './define';

const destination = z.object({ accountId: id, spaceId: z.string().min(1).max(200) }).strict();

export const ConvertThreadParams = z
  .object({
    threadId: id,
    /** Absent: the remembered destination (thread, list, correspondent, account, last used). */
    destination: destination.optional(),
    preview: z.boolean().default(false),
    /** The user's changes in the preview dialog; the body replaces the first part's. */
    edits: z
      .object({
        title: z.string().trim().min(1).max(500).optional(),
        body: z.string().min(1).max(1_000_000).optional(),
      })
      .strict()
      .optional(),
    /** Holds the task back this long, so an undo toast can cancel it before anything is sent. */
    delayMs: z.number().int().min(0).max(60_000).default(0),
    /** Overrides the options' replyAll / archive for this conversion. */
    replyAll: z.boolean().optional(),
    archive: z.boolean().optional(),
  })
  .strict();
export type ConvertThreadParams = z.input<typeof ConvertThreadParams>;

/**
 * What happens after a conversion. follow: a later email in the thread is added to the
 * post as a comment ('on'), kept for the user to add ('offered'), or ignored ('off').
 * replyAll: the thread's participants get "This conversation continues at LINK" by mail.
 * archive: the thread is archived once posted.
 */
export const ConvertOptions = z
  .object({
    follow: z.enum(['on', 'offered', 'off']),
    replyAll: z.boolean(),
    archive: z.boolean(),
  })
  .strict();
export type ConvertOptions = z.infer<typeof ConvertOptions>;

export type DestinationReason =
  'thread' | 'list' | 'correspondent' | 'account' | 'last-used' | 'chosen';

export interface ConvertDestination {
  accountId: string;
  accountName: string;
  network: RseNetwork;
  spaceId: string;
  spaceName: string;
  /** Why this destination: what the user picked, or which remembered preference. */
  reason: DestinationReason;
}

export interface ConvertPreview {
  destination: ConvertDestination | null;
  /** Null when the network has no title field, or nothing could be planned. */
  title: string | null;
  format: 'html' | 'markdown' | 'text';
  /** parts[0] is the post, the others its replies. */
  parts: string[];
  uploads: { filename: string; contentType: string; size: number; inline: boolean }[];
  /** Blocking: nothing is posted while there is one; each says what to change. */
  problems: { code: string; message: string; text?: CoreText }[];
  warnings: string[];
  /** The warnings as texts the window translates (same order); absent from older cores. */
  warningTexts?: CoreText[];
}

export interface ConversionInfo {
  id: string;
  threadId: string;
  mailAccountId: string;
  rseAccountId: string;
  spaceRemoteId: string;
  spaceName: string;
  title: string;
  messageIds: string[];
  state: ConversionState;
  postRemoteId: string | null;
  replyRemoteIds: string[];
  permalink: string | null;
  lastError: string | null;
  taskId: string | null;
  /** Messages of the thread that reached it after posting and are not in the post yet. */
  newMessageIds?: string[];
  convertedBy: string;
  createdAt: string;
  updatedAt: string;
}

export type ConvertResult =
  { preview: ConvertPreview } | { conversion: ConversionInfo; task: TaskInfo | null };

export const convertRequests = {
  'convert.thread': request<ConvertResult>()(ConvertThreadParams),
  'convert.list': request<ConversionInfo[]>()(z.object({ threadId: id.optional() }).strict()),
  'convert.get': request<ConversionInfo | null>()(z.object({ conversionId: id }).strict()),
  /** A failed or partial conversion goes back to the outbox, continuing where it stopped. */
  'convert.retry': request<ConversionInfo>()(z.object({ conversionId: id }).strict()),
  'convert.options': request<ConvertOptions>()(z.object({}).strict()),
  'convert.setOptions': request<ConvertOptions>()(ConvertOptions.partial().strict()),
  /** Follow mode 'offered': adds the thread's new messages to the post now. */
  'convert.follow': request<ConversionInfo>()(z.object({ conversionId: id }).strict()),
  'convert.setDefault': request<null>()(
    z.object({ mailAccountId: id, destination: destination.nullable() }).strict(),
  ),
} as const;
