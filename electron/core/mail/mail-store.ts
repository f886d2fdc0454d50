// What the IMAP sync needs from the database. The db layer implements it
// (electron/core/db/mail-store-sqlite.ts); sync code depends only on this interface.
import type { Address, ListUnsubscribe } from '../../../shared/domain';
import type { FetchedMessage, FetchedSource, ParsedBody } from './fetched-message';

/** Persisted per-mailbox sync checkpoint. 64-bit values stay bigint (QRESYNC needs them exact). */
export interface MailboxState {
  path: string;
  uidValidity: bigint | null;
  highestModseq: bigint | null;
  /** Highest UID whose headers are stored; sync resumes above it. */
  lastSeenUid: number;
}

export interface IncomingMessage {
  uid: number;
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  subject: string;
  from: Address | null;
  to: Address[];
  cc: Address[];
  /** ISO date: the Date header, else INTERNALDATE. */
  date: string;
  flags: string[];
  size: number;
  /** Up to ~200 chars of body text with whitespace collapsed; '' until the body is fetched. */
  snippet: string;
  /** Plain text body when already fetched, else null (fetched later). */
  bodyText: string | null;
  /**
   * The rest of a body parsed together with the header (a single-pass catch-up), so the
   * store writes the message, its attachments and its search entry once.
   */
  bodyExtras?: ParsedBodyExtras;
  /** Gmail's X-GM-THRID, when the server offers X-GM-EXT-1; threads by it too. */
  gmThreadId?: string | null;
  /** RFC 2919 List-Id of the mailing list it came through (lower-case, no brackets). */
  listId?: string | null;
  /** List-Unsubscribe, when the sender offers a way to stop its mail. */
  unsubscribe?: ListUnsubscribe | null;
}

/** One attachment as the MIME parser lists it; the content is fetched on demand. */
export interface AttachmentInfo {
  /** IMAP section to fetch it by ("2", "1.3"); null inside a forwarded message/rfc822. */
  partId: string | null;
  filename: string | null;
  contentType: string;
  /** Decoded size in bytes. */
  size: number;
  contentId: string | null;
  disposition: string | null;
  /** Shown by the HTML body through cid:, not a file the sender attached. */
  inline: boolean;
  /** METHOD of a text/calendar invite (REQUEST, CANCEL…), else null. */
  calendarMethod: string | null;
  /** A file taken out of the part's TNEF data (winmail.dat): its position among them. */
  tnefIndex?: number;
}

/** What a parsed body adds to its text: the raw HTML, the attachment list, a parse failure. */
export interface ParsedBodyExtras {
  html: string | null;
  attachments: AttachmentInfo[];
  /** Set when the message could not be parsed; its text is then the raw source. */
  parseError: string | null;
}

/** Special-use roles (RFC 6154 §2), plus the inbox, which RFC 3501 §5.1 names itself. */
export type FolderRole =
  'inbox' | 'sent' | 'archive' | 'trash' | 'junk' | 'drafts' | 'all' | 'flagged';

/** One selectable folder as the server LISTs it. */
export interface ServerFolder {
  path: string;
  role: FolderRole | null;
  delimiter: string | null;
  /** From STATUS; lets a renamed folder keep its messages (same UIDVALIDITY under a new name). */
  uidValidity: bigint | null;
}

export interface StoredFolder {
  path: string;
  role: FolderRole | null;
  /** The user's choice; null follows the default for the role. */
  syncOverride: boolean | null;
  /** What the sync does: the override, else every role but Junk, Trash and virtual ones. */
  syncEnabled: boolean;
}

export interface MailSyncSettings {
  /** Only messages of the last N days (by INTERNALDATE); null for everything. */
  windowDays: number | null;
  /** How often folders other than the inbox are polled. */
  pollIntervalS: number;
}

export interface FolderChanges {
  added: string[];
  renamed: { from: string; to: string }[];
  removed: string[];
}

/** The account's folder list and sync choices. */
export interface FolderStore {
  /** Reconciles the stored folders with a fresh LIST: adds, renames (same UIDVALIDITY), deletes. */
  applyFolderList(accountId: string, folders: ServerFolder[]): FolderChanges;
  listFolders(accountId: string): StoredFolder[];
  setFolderSync(accountId: string, path: string, enabled: boolean | null): void;
  getSyncSettings(accountId: string): MailSyncSettings;
  setSyncSettings(accountId: string, settings: Partial<MailSyncSettings>): void;
}

export interface MailStore {
  /**
   * Runs several store calls in one transaction, so a batch costs one commit (and one FTS5
   * flush); if any call throws, the whole batch rolls back. Optional: without it each call
   * commits on its own.
   */
  batch?<T>(fn: () => T): T;

  /** Folder discovery and settings; a store without it syncs the folders it is given. */
  readonly folders?: FolderStore;

  getMailboxState(accountId: string, path: string): MailboxState | null;

  /**
   * UIDVALIDITY changed or first sight: forget the mailbox's messages and start again.
   * Threads left without messages are removed.
   */
  resetMailbox(accountId: string, path: string, uidValidity: bigint): void;

  /**
   * Called before a UIDVALIDITY reset: remember, by Message-ID, the folder's threads that
   * carry local state (snoozes, mutes, conversions). Optional: a store without it has none.
   */
  rememberLocalState?(accountId: string, path: string): void;

  /**
   * Called after a pass stored the folder's headers: move remembered state to the threads
   * its messages belong to now. `final`: the pass completed, forget what did not come back.
   */
  restoreLocalState?(accountId: string, path: string, final: boolean): void;

  /**
   * Stores new messages and advances the checkpoint in ONE transaction, so a crash
   * between the two can never lose or duplicate a message. Upserts by (mailbox, uid):
   * replaying a batch is harmless.
   */
  saveMessages(
    accountId: string,
    path: string,
    messages: IncomingMessage[],
    checkpoint: Partial<Pick<MailboxState, 'highestModseq' | 'lastSeenUid'>>,
  ): void;

  /**
   * saveMessages for messages fetched with their sources (a catch-up): parses their bodies
   * and stores them in one transaction, on a worker thread when the store has one, so the
   * next FETCH is read meanwhile. Calls commit in the order they were made. Optional:
   * without it the sync parses and calls saveMessages itself.
   */
  saveFetched?(
    accountId: string,
    path: string,
    items: FetchedMessage[],
    checkpoint: Partial<Pick<MailboxState, 'highestModseq' | 'lastSeenUid'>>,
  ): Promise<void>;

  /**
   * The background body loop's batch: parses the sources and stores them with the bodies
   * already parsed, in one transaction, on the store worker when there is one. Resolves
   * with the UIDs stored. Optional, like saveFetched.
   */
  saveFetchedBodies?(
    accountId: string,
    path: string,
    sources: FetchedSource[],
    parsed: ParsedBody[],
  ): Promise<number[]>;

  /** Flags changed on the server (by us or another client). */
  updateFlags(
    accountId: string,
    path: string,
    changes: { uid: number; flags: string[] }[],
    highestModseq?: bigint | null,
  ): void;

  /** Messages expunged on the server (VANISHED or a UID diff). Applied before modseq advances. */
  removeMessages(accountId: string, path: string, uids: number[]): void;

  /** Body text arrived for a stored message, with its HTML and attachments when parsed. */
  saveBody(
    accountId: string,
    path: string,
    uid: number,
    bodyText: string,
    snippet: string,
    extras?: ParsedBodyExtras,
  ): void;

  /** UIDs stored for a mailbox (for the UID/flags diff when CONDSTORE is missing). */
  listUids(accountId: string, path: string): number[];

  /** Messages stored without a body yet, newest first. */
  listUidsMissingBody(accountId: string, path: string, limit: number): number[];
}
