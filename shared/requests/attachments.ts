// Attachment content on demand (issue 3: "fetched on demand and cached"). Threads list
// each message's attachments with an id; this returns one file's bytes, fetched over IMAP
// the first time and from the profile's cache afterwards. Browser mode carries at most
// ATTACHMENT_BROWSER_MAX_BYTES per file over its WebSocket.
import { z } from 'zod';
import type { CalendarInvite } from '../domain';
import type { TaskInfo } from './mail-actions';
import { id, request } from './define';

export const ATTACHMENT_BROWSER_MAX_BYTES = 25 * 1024 * 1024;

export interface AttachmentData {
  filename: string | null;
  contentType: string;
  /** Bytes of the decoded file. */
  size: number;
  /** The file, base64. */
  data: string;
}

export const GetAttachmentParams = z
  .object({
    /** The message's id (MessageDetail.id). */
    messageId: id,
    /** MessageAttachment.id */
    attachmentId: id,
  })
  .strict();
export type GetAttachmentParams = z.input<typeof GetAttachmentParams>;

/** An attendee's answer to an invitation (iCalendar PARTSTAT, RFC 5545 §3.2.12). */
export const InviteAnswer = z.enum(['ACCEPTED', 'DECLINED', 'TENTATIVE']);
export type InviteAnswer = z.infer<typeof InviteAnswer>;

export const attachmentRequests = {
  'attachments.get': request<AttachmentData>()(GetAttachmentParams),
  /** A calendar part (MessageAttachment.calendarMethod set) read as an invitation; null if none. */
  'attachments.invite': request<CalendarInvite | null>()(GetAttachmentParams),
  /** Answers that invitation to its organiser (an iTIP REPLY, through the outbox). */
  'attachments.answerInvite': request<TaskInfo>()(
    GetAttachmentParams.extend({ answer: InviteAnswer }).strict(),
  ),
} as const;
