// Domain types shared by the core, the transports and the renderer.
// Plain data only: everything here crosses process boundaries as JSON.

export type TlsMode = 'none' | 'starttls' | 'tls';

export type AccountStatusKind = 'idle' | 'syncing' | 'online' | 'offline' | 'auth-failed' | 'error';

export interface AccountStatus {
  kind: AccountStatusKind;
  /** Human-readable reason for offline/error states; never contains secrets. */
  message?: string;
  /** ISO time of the last completed sync. */
  lastSyncAt?: string;
}

export interface ImapSettings {
  host: string;
  port: number;
  tls: TlsMode;
  user: string;
}

export interface Account {
  id: string;
  name: string;
  kind: 'imap';
  imap: ImapSettings;
  status: AccountStatus;
  createdAt: string;
}

export interface Address {
  name?: string;
  address: string;
}

/** One row of the unified timeline: an email thread (later also an RSE post). */
export interface TimelineItem {
  id: string;
  kind: 'mail-thread';
  accountId: string;
  threadId: string;
  subject: string;
  from: Address | null;
  snippet: string;
  /** ISO date of the latest message, which orders the timeline. */
  date: string;
  unread: boolean;
  flagged: boolean;
  messageCount: number;
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

export interface MessageDetail extends MessageSummary {
  /** Plain-text body; HTML rendering arrives with the reading pane. */
  text: string | null;
}

export interface ThreadDetail {
  id: string;
  accountId: string;
  subject: string;
  messages: MessageDetail[];
}

export interface AppInfo {
  version: string;
  mode: 'desktop' | 'browser' | 'cli';
  profileDir: string;
}
