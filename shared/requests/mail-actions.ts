// Requests of the mail engine's two-way actions and outbox: acting on messages and
// threads (read, flag, archive, trash, junk, not junk, move, delete forever), sending mail, and the visible task
// list with retry and undo. Every action returns at once with its task; the remote step
// follows, and its outcome arrives as a tasks.changed event.
import { z } from 'zod';
import { id, request } from './define';
import { TimelineFilters } from './triage';

export const MAIL_ACTIONS = [
  'read',
  'unread',
  'flag',
  'unflag',
  'archive',
  'trash',
  'junk',
  /** Out of Junk, back to the inbox: the messages of the conversation that are in Junk. */
  'notjunk',
  'move',
  /** For good, and only what is in Trash or Junk: elsewhere, trash first. */
  'delete',
] as const;
export type MailAction = (typeof MAIL_ACTIONS)[number];

export type TaskState = 'pending' | 'running' | 'failed' | 'done' | 'undone';

/** One outbox task as the UI and CLI show it. */
export interface TaskInfo {
  id: string;
  accountId: string;
  kind: 'flags' | 'move' | 'expunge' | 'empty' | 'send' | 'convert' | 'convert-follow';
  state: TaskState;
  /** For people: "Archive 3 messages", "Send “Budget” to bob@example.com". */
  description: string;
  attempts: number;
  /** ISO time of the next remote attempt while pending. */
  nextAttemptAt: string | null;
  /** Why the last attempt failed; kept when the task finally failed. */
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  /** tasks.undo applies: pending tasks are cancelled, done flag/move tasks reversed. */
  undoable: boolean;
  /** A send written in the composer: its draft, which a cancelled send gives back. */
  draftId: string | null;
}

/** A reply, reply-all or forward prepared from a stored message, for the composer. */
export interface ReplyDraft {
  accountId: string;
  to: string[];
  cc: string[];
  subject: string;
  inReplyTo: string | null;
  references: string[];
  /** The quoted original (reply) or the forwarded message, below an attribution line. */
  text: string;
}

const action = z
  .object({
    action: z.enum(MAIL_ACTIONS),
    /** The destination of 'move': a folder path as the server names it. */
    folder: z.string().min(1).max(1000).optional(),
  })
  .strict()
  .refine((p) => (p.action === 'move') === (p.folder !== undefined), {
    message: "'folder' is required with 'move' and only with it",
  });

const address = z.string().trim().min(3).max(998);

/** An account's outgoing server; the user defaults to the IMAP user, the password is shared. */
export const SmtpSettings = z
  .object({
    host: z.string().trim().min(1).max(255),
    port: z.number().int().min(1).max(65535),
    tls: z.enum(['none', 'starttls', 'tls']),
    user: z.string().min(1).max(320).optional(),
    /** The From address; defaults to the user when it is an address. */
    from: address.optional(),
  })
  .strict();
export type SmtpSettings = z.infer<typeof SmtpSettings>;

export const SendParams = z
  .object({
    accountId: id,
    to: z.array(address).min(1).max(500),
    cc: z.array(address).max(500).default([]),
    bcc: z.array(address).max(500).default([]),
    subject: z.string().max(998),
    text: z.string().max(10_000_000),
    html: z.string().max(20_000_000).optional(),
    /** The Message-ID answered; References are completed from the stored message. */
    inReplyTo: z.string().min(3).max(998).optional(),
    /** An iTIP part (RFC 6047) sent as text/calendar beside the text: an invitation's answer. */
    calendar: z
      .object({ method: z.enum(['REPLY']), content: z.string().min(1).max(100_000) })
      .strict()
      .optional(),
    /** Hold the message this long before sending (undo send). */
    delayMs: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 3600_000)
      .default(0),
  })
  .strict();
export type SendParams = z.input<typeof SendParams>;

/** What `mail.unsubscribe` did, or what is left for the window to do. */
export type UnsubscribeResult =
  /** RFC 8058: the sender's server took the one-click request. */
  | { via: 'one-click'; host: string }
  /** The message the sender asked for is in the outbox. */
  | { via: 'mail'; to: string; task: TaskInfo }
  /** Only a web page is offered: the window opens it in the browser. */
  | { via: 'page'; url: string };

const ids = z.array(id).min(1).max(5000);

export const mailActionRequests = {
  /** Acts on messages by message id: one task per account, none when nothing needed changing. */
  'messages.act': request<TaskInfo[]>()(action.and(z.object({ messageIds: ids }))),
  /** Acts on whole threads (thread id, or timeline item id `mail-thread:<id>`). */
  'threads.act': request<TaskInfo[]>()(action.and(z.object({ threadIds: ids }))),
  /**
   * Marks read the unread mail of a list as timeline.page filters it (a folder: its
   * messages; a view: its conversations). Network posts keep their state.
   */
  'timeline.markAllRead': request<TaskInfo[]>()(TimelineFilters.strict()),
  'mail.send': request<TaskInfo>()(SendParams),
  /**
   * Stops a sender's mail the way its List-Unsubscribe offers: a one-click POST (RFC 8058)
   * first, else an email to its mailto: address, else its page for the window to open.
   */
  'mail.unsubscribe': request<UnsubscribeResult>()(z.object({ messageId: id }).strict()),
  'mail.replyDraft': request<ReplyDraft>()(
    z
      .object({
        messageId: id,
        mode: z.enum(['reply', 'replyAll', 'forward']),
        /** The writer's language and time zone, for the attribution line and its date. */
        locale: z.string().min(2).max(35).optional(),
        timeZone: z.string().min(1).max(64).optional(),
      })
      .strict(),
  ),
  /** Open and recently finished tasks, newest first. */
  'tasks.list': request<TaskInfo[]>()(
    z
      .object({
        states: z.array(z.enum(['pending', 'running', 'failed', 'done', 'undone'])).optional(),
      })
      .strict(),
  ),
  'tasks.retry': request<TaskInfo>()(z.object({ taskId: id }).strict()),
  /** Cancels a pending task (local effect reverted) or reverses a done one (a new task). */
  'tasks.undo': request<TaskInfo>()(z.object({ taskId: id }).strict()),
} as const;

export interface MailActionEvents {
  /** Tasks whose state changed (queued, running, retrying, done, failed, undone). */
  'tasks.changed': TaskInfo[];
  /** A task finally failed: its local effect was rolled back (sends stay in the outbox). */
  'tasks.failed': TaskInfo;
}
