// Domain types shared by the core, the transports and the renderer.
// Plain data only: everything here crosses process boundaries as JSON.
import type { CoreText } from './core-text';

export type TlsMode = 'none' | 'starttls' | 'tls';

export type AccountStatusKind = 'idle' | 'syncing' | 'online' | 'offline' | 'auth-failed' | 'error';

export interface AccountStatus {
  kind: AccountStatusKind;
  /** Human-readable reason for offline/error states; never contains secrets. */
  message?: string;
  /** The same reason for the window to translate (shared/core-text.ts), when the core has it. */
  text?: CoreText;
  /** ISO time of the last completed sync. */
  lastSyncAt?: string;
}

export interface ImapSettings {
  host: string;
  port: number;
  tls: TlsMode;
  user: string;
  /** How the account logs in; absent means a password. XOAUTH2: the secret is an access token. */
  auth?: 'password' | 'xoauth2';
  /** OAuth2: a command whose standard output is a fresh access token (run when the server rejects it). */
  oauthTokenCommand?: string;
  /**
   * SHA-256 fingerprint of a server certificate the user explicitly chose to trust for this
   * account although it failed verification; only that exact certificate is accepted.
   */
  trustedCertSha256?: string;
  /** An extra CA certificate (PEM) trusted for this account only. */
  trustedCaPem?: string;
}

interface AccountBase {
  id: string;
  name: string;
  status: AccountStatus;
  createdAt: string;
}

/**
 * How a message's sender lets the reader stop further mail (List-Unsubscribe, RFC 2369),
 * from the core's parse (electron/core/mail/list-unsubscribe.ts).
 */
export interface ListUnsubscribe {
  /** An http(s) page or endpoint. */
  web?: string;
  /** A mailto: URI, with the subject and body the sender asked for. */
  mailto?: string;
  /** RFC 8058: one HTTPS POST to `web` unsubscribes, no page to open. */
  oneClick: boolean;
}

/** Who a mail account's messages are from: the name beside the address, and a signature. */
export interface MailIdentity {
  /** The display name in From ("Ada Lovelace"); empty: the address alone. */
  name: string;
  /** Plain text put under "-- " in new messages, replies and forwards; empty: none. */
  signature: string;
}

export interface ImapAccount extends AccountBase {
  kind: 'imap';
  imap: ImapSettings;
  /** Absent until the user sets one. */
  identity?: MailIdentity;
}

/** Enterprise social networks Passerelle connects to (electron/core/rse). */
export type RseNetwork =
  | 'wordpress'
  | 'mattermost'
  | 'zulip'
  | 'discourse'
  | 'mastodon'
  /** Read-only: any site publishing Atom, RSS or JSON Feed (electron/core/rse/feed). */
  | 'feed';
export const RSE_NETWORKS: readonly RseNetwork[] = [
  'wordpress',
  'mattermost',
  'zulip',
  'discourse',
  'mastodon',
  'feed',
];

/** How each network's name is written for people. */
export const RSE_NETWORK_LABELS: Readonly<Record<RseNetwork, string>> = {
  wordpress: 'WordPress',
  mattermost: 'Mattermost',
  zulip: 'Zulip',
  discourse: 'Discourse',
  mastodon: 'Mastodon',
  feed: 'Feed',
};

export interface RseSettings {
  /** The site or server URL the user gave. */
  url: string;
  user?: string;
}

export interface RseAccount extends AccountBase {
  kind: RseNetwork;
  rse: RseSettings;
}

export type Account = ImapAccount | RseAccount;

export interface Address {
  name?: string;
  address: string;
}

/**
 * One row of the unified timeline: an email thread or an RSE post with its comments.
 * An RSE post fills the mail fields too (subject = title, from = author, messageCount =
 * 1 + comments), so a view written for threads shows it sensibly.
 */
export interface TimelineItem {
  id: string;
  kind: 'mail-thread' | 'rse-post';
  accountId: string;
  /** The mail thread's id; for an RSE post, `rse-post:<postId>`. */
  threadId: string;
  subject: string;
  from: Address | null;
  snippet: string;
  /** ISO date of the latest message, which orders the timeline. */
  date: string;
  unread: boolean;
  flagged: boolean;
  messageCount: number;
  /** RSE posts only. */
  postId?: string;
  title?: string;
  spaceName?: string;
  network?: RseNetwork;
  commentCount?: number;
  permalink?: string;
  mentionsMe?: boolean;
  /** Mail threads posted to an RSE: "Posted to SPACE ↗". */
  conversion?: ThreadConversion;
  /** RSE posts made from an email thread ("From an email thread"): that thread's id. */
  fromThreadId?: string;
}

/** Where a conversion stands: 'partial' means the post exists but a reply is still missing. */
export type ConversionState = 'queued' | 'posting' | 'partial' | 'posted' | 'failed' | 'cancelled';

/** The latest conversion of a mail thread, as the timeline and the reading pane show it. */
export interface ThreadConversion {
  spaceName: string;
  permalink: string | null;
  state: ConversionState;
}

export interface TimelineCursor {
  date: string;
  id: string;
}

export interface TimelinePage {
  items: TimelineItem[];
  /** Pass back to fetch the next (older) page; absent on the last page. */
  next?: TimelineCursor;
}

export interface MessageSummary {
  id: string;
  accountId: string;
  mailbox: string;
  uid: number;
  messageId: string | null;
  subject: string;
  from: Address | null;
  to: Address[];
  date: string;
  unread: boolean;
  flagged: boolean;
  snippet: string;
}

export interface ThreadSummary {
  id: string;
  accountId: string;
  subject: string;
  messages: MessageSummary[];
}

export interface MessageAttachment {
  /** Pass to attachments.get (with the message's id) for the content. */
  id?: string;
  /** IMAP section to fetch the content by; null inside a forwarded message. */
  partId: string | null;
  filename: string | null;
  contentType: string;
  size: number;
  contentId: string | null;
  /** An image the HTML body shows through cid:, not a file the sender attached. */
  inline: boolean;
  /** METHOD of a calendar invite (REQUEST, CANCEL…), else null. */
  calendarMethod: string | null;
}

/** A calendar invitation or update (a text/calendar part), as the reading pane shows it. */
export interface CalendarInvite {
  /** iTIP METHOD (RFC 5546): REQUEST (an invitation), CANCEL, REPLY, PUBLISH…; null if none. */
  method: string | null;
  summary: string;
  /** ISO instant; for an all-day event its first day, YYYY-MM-DD. Null when unreadable. */
  start: string | null;
  /** ISO instant; for an all-day event the day after its last, YYYY-MM-DD. */
  end: string | null;
  allDay: boolean;
  /** The time zone the times were written in, when it is not one we could place (shown as written). */
  floatingZone?: string;
  location: string | null;
  organizer: Address | null;
  attendees: number;
  recurring: boolean;
  /** METHOD:CANCEL or STATUS:CANCELLED. */
  cancelled: boolean;
  /** For a REPLY: who answered, and how (ACCEPTED, DECLINED, TENTATIVE). */
  reply?: { from: Address; answer: string };
}

export interface MessageDetail extends MessageSummary {
  /** Plain-text body; HTML rendering arrives with the reading pane. */
  text: string | null;
  /** The raw HTML body as sent (sanitise before rendering); null when there is none. */
  html?: string | null;
  attachments?: MessageAttachment[];
  /** Set when the message could not be parsed: `text` is then its raw source. */
  parseError?: string | null;
  /** How its sender lets the reader stop further mail, when it says. */
  unsubscribe?: ListUnsubscribe;
}

export interface ThreadDetail {
  id: string;
  accountId: string;
  subject: string;
  messages: MessageDetail[];
  conversion?: ThreadConversion;
}

export interface AppInfo {
  version: string;
  mode: 'desktop' | 'browser' | 'cli';
  profileDir: string;
}

export interface RseSpace {
  accountId: string;
  /** The network's id for the space (a WordPress category id, a channel id…). */
  remoteId: string;
  name: string;
  description?: string;
  followed: boolean;
}

export interface RseAuthor {
  name: string;
  avatarUrl?: string;
}

export interface RseItem {
  id: string;
  accountId: string;
  kind: 'post' | 'comment';
  remoteId: string;
  spaceRemoteId: string | null;
  /** Comments: the local id of the post they belong to. */
  postId: string | null;
  /** Comments: the remote id of the comment they answer, if any. */
  parentRemoteId: string | null;
  author: RseAuthor;
  title: string | null;
  /** As the network sent it; sanitise before rendering. */
  bodyHtml: string;
  createdAt: string;
  editedAt: string | null;
  permalink: string | null;
  read: boolean;
  mentionsMe: boolean;
}

export interface RsePostDetail {
  post: RseItem;
  spaceName: string | null;
  network: RseNetwork;
  /** Oldest first; `parentRemoteId` gives the threading. */
  comments: RseItem[];
  /** Posts made from an email thread ("From an email thread"): that thread's id. */
  fromThreadId?: string;
}
