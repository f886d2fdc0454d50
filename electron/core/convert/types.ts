// The shapes of a conversion: what the caller hands to planConversion and the complete,
// validated plan it gets back. Plain data only, so a plan can be persisted in the outbox
// task and executed (uploads, post, replies) after a restart without recomputing it.
import { formatCoreText, type CoreText } from '../../../shared/core-text';
import type { RseNetwork } from '../../../shared/domain';

export type BodyFormat = 'html' | 'markdown' | 'text';

/**
 * How a network shows the quoted text and signatures we strip: 'details' (HTML
 * <details>), 'discourse-details' ([details] BBCode), 'spoiler' (Zulip), 'quote' (a
 * blockquote, always expanded) or 'none' (left out: only when visible text remains).
 */
export type CollapseStyle = 'details' | 'discourse-details' | 'spoiler' | 'quote' | 'none';

/** What a destination accepts. Presets live in presets.ts; servers may report tighter ones. */
export interface DestinationLimits {
  network: RseNetwork;
  /** Posts have their own title field; otherwise the title is the body's first line. */
  titles: boolean;
  maxTitleLength: number | null;
  minTitleLength: number;
  format: BodyFormat;
  /** In characters (code points), null for no practical limit. */
  maxBodyLength: number | null;
  /** Per post or reply; null for no limit. */
  maxAttachments: number | null;
  maxAttachmentBytes: number | null;
  /** Lower-case file extensions without the dot; null accepts any type. */
  allowedExtensions: readonly string[] | null;
  /** Replies can follow the root post, so an oversized thread can be split. */
  threads: boolean;
  collapse: CollapseStyle;
  /**
   * 'link': uploads return URLs the body links or embeds (WordPress, Discourse, Zulip).
   * 'native': files are attached to the post itself (Mattermost file_ids, Mastodon
   * media_ids), so the body does not list them.
   */
  attachmentMode: 'link' | 'native';
}

export interface ThreadAttachmentInput {
  /** IMAP section the caller fetches the content by (see MessageAttachment.partId). */
  partId: string | null;
  filename: string | null;
  contentType: string;
  size: number;
  contentId: string | null;
  inline: boolean;
}

export interface ThreadMessageInput {
  messageId: string | null;
  from: { name?: string; address: string } | null;
  /** ISO 8601. */
  date: string;
  text: string | null;
  html?: string | null;
  attachments?: ThreadAttachmentInput[];
}

export interface ConversionInput {
  subject: string;
  /** Oldest first, as the thread shows them. */
  messages: ThreadMessageInput[];
  limits: DestinationLimits;
  convertedBy: string;
  /** ISO 8601. */
  convertedAt: string;
  /** How the footer names the source mailbox, e.g. "alice@acme.com — INBOX". */
  mailbox: string;
  /** Where the footer links back to (the caller decides the URL scheme). */
  backLink: string;
  /** Lower-case or not, address → the network user's handle (without or with "@"). */
  mentions?: Readonly<Record<string, string>>;
  /** Lower-case address → the user's page, for networks that credit by a linked name (WordPress). */
  profileLinks?: Readonly<Record<string, string>>;
  /** IANA zone the dates are shown in; UTC when absent, so plans are reproducible. */
  timeZone?: string;
}

export interface PlannedUpload {
  /** The key the body references as `cid:<ref>`: the Content-ID, or a generated one. */
  ref: string;
  /** Index in ConversionInput.messages. */
  messageIndex: number;
  /** Index in ConversionPlan.parts the file belongs to (attached or linked there). */
  partIndex: number;
  partId: string | null;
  filename: string;
  contentType: string;
  size: number;
  inline: boolean;
}

export interface PlanPart {
  body: string;
  /** Indexes of the messages (whole or partly) in this part. */
  messageIndexes: number[];
}

export interface ConversionPlan {
  network: RseNetwork;
  format: BodyFormat;
  /** Null when the network has no title field (the title then opens parts[0]). */
  title: string | null;
  /** parts[0] is the post; the others are replies to it, in order. */
  parts: PlanPart[];
  uploads: PlannedUpload[];
  /** The thread's Message-IDs, for the conversion record. */
  messageIds: string[];
  participants: { name: string; address: string; handle: string | null }[];
  /** Things the user may want to know but that do not block posting (English). */
  warnings: string[];
  /** The same for the window to translate; absent in plans saved by older versions. */
  warningTexts?: CoreText[];
}

export type ProblemCode =
  | 'empty-thread'
  | 'too-long'
  | 'too-many-attachments'
  | 'attachment-too-large'
  | 'forbidden-type'
  | 'title-too-short';

export interface ConversionProblem {
  code: ProblemCode;
  /** Says what to change, in words a user can act on (English: `text` formatted). */
  message: string;
  /** The same for the window to translate (shared/core-text.ts); absent: show `message`. */
  text?: CoreText;
}

export function conversionProblem(code: ProblemCode, text: CoreText): ConversionProblem {
  return { code, message: formatCoreText(text), text };
}

export type PlanResult =
  { ok: true; plan: ConversionPlan } | { ok: false; problems: ConversionProblem[] };
