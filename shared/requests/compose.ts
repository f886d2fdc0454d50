// Requests of the composer: drafts saved as the user types (locally at once, to the
// account's Drafts folder through the outbox), their attachments, sending a draft now,
// after the undo delay or at a chosen time, address suggestions from synced mail, and
// an RSE post prepared for forwarding by email.
import { z } from 'zod';
import { id, request } from './define';
import type { ReplyDraft, TaskInfo } from './mail-actions';

const address = z.string().trim().min(3).max(998);

/** Per file and per draft: past this, the request is refused with a clear message. */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;
/**
 * How far in the past a send-later time may be: the minute a picker shows. Earlier, the
 * message would leave at once without the undo window, most likely a slip of the date.
 */
export const SEND_LATER_PAST_TOLERANCE_MS = 60_000;

export interface DraftAttachmentInfo {
  id: string;
  filename: string;
  contentType: string;
  size: number;
}

export interface Draft {
  id: string;
  accountId: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  text: string;
  html: string | null;
  inReplyTo: string | null;
  references: string[];
  attachments: DraftAttachmentInfo[];
  /** Set while the draft's send is queued or done; cleared by an undo or a new save. */
  sendTaskId: string | null;
  updatedAt: string;
}

export interface ContactSuggestion {
  name: string | null;
  address: string;
  /** Messages the address appeared in (from, to or cc). */
  count: number;
  lastSeen: string;
}

/** A reply, forward or forwarded RSE post, ready for the composer, with an HTML body. */
export interface ComposeDraft extends ReplyDraft {
  html: string | null;
}

export const SaveDraftParams = z
  .object({
    /** Absent for a new draft; the result carries the id to use from then on. */
    id: id.optional(),
    accountId: id,
    to: z.array(address).max(500).default([]),
    cc: z.array(address).max(500).default([]),
    bcc: z.array(address).max(500).default([]),
    subject: z.string().max(998).default(''),
    text: z.string().max(10_000_000).default(''),
    html: z.string().max(20_000_000).nullable().default(null),
    inReplyTo: z.string().min(3).max(998).nullable().default(null),
    references: z.array(z.string().min(3).max(998)).max(100).default([]),
  })
  .strict();
export type SaveDraftParams = z.input<typeof SaveDraftParams>;

export const composeRequests = {
  'drafts.save': request<Draft>()(SaveDraftParams),
  /** Drafts not being sent, newest first. */
  'drafts.list': request<Draft[]>()(z.object({ accountId: id.optional() }).strict()),
  'drafts.get': request<Draft | null>()(z.object({ id }).strict()),
  /** Forgets the draft and removes its copy from the Drafts folder. */
  'drafts.remove': request<null>()(z.object({ id }).strict()),
  /** Adds a file (base64) to a draft; refused past MAX_ATTACHMENT_BYTES. */
  'drafts.addAttachment': request<DraftAttachmentInfo>()(
    z
      .object({
        draftId: id,
        filename: z.string().trim().min(1).max(255),
        contentType: z.string().max(255).default('application/octet-stream'),
        // base64 of 25 MiB, with a little slack for padding
        dataBase64: z.string().max(Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 8),
      })
      .strict(),
  ),
  'drafts.removeAttachment': request<null>()(z.object({ draftId: id, attachmentId: id }).strict()),
  /**
   * Sends the saved draft through the outbox: after delayMs (the undo window), or at
   * sendAt (send later; the core sends it while the app runs, across restarts).
   */
  'drafts.send': request<TaskInfo>()(
    z
      .object({
        id,
        delayMs: z
          .number()
          .int()
          .min(0)
          .max(60 * 60_000)
          .default(0),
        sendAt: z.string().datetime({ offset: true }).optional(),
      })
      .strict(),
  ),
  /** Addresses from synced mail starting with prefix (address or a word of the name). */
  'contacts.suggest': request<ContactSuggestion[]>()(
    z
      .object({
        prefix: z.string().trim().min(1).max(200),
        limit: z.number().int().min(1).max(50).default(8),
      })
      .strict(),
  ),
  /** An RSE post as an email to forward: title, author, body, link, attachments as links. */
  'compose.forwardPost': request<ComposeDraft>()(
    z
      .object({
        postId: id,
        accountId: id.optional(),
        /** The reader's language and time zone, for the post's date (the core knows neither). */
        locale: z.string().min(2).max(35).optional(),
        timeZone: z.string().min(1).max(64).optional(),
      })
      .strict(),
  ),
} as const;
