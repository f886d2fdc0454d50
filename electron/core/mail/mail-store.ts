// What the IMAP sync needs from the database. The db layer implements it
// (electron/core/db/mail-store-sqlite.ts); sync code depends only on this interface.
import type { Address } from '../../../shared/domain';

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
}

export interface MailStore {
  getMailboxState(accountId: string, path: string): MailboxState | null;

  /**
   * UIDVALIDITY changed or first sight: forget the mailbox's messages and start again.
   * Threads left without messages are removed.
   */
  resetMailbox(accountId: string, path: string, uidValidity: bigint): void;

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

  /** Flags changed on the server (by us or another client). */
  updateFlags(
    accountId: string,
    path: string,
    changes: { uid: number; flags: string[] }[],
    highestModseq?: bigint | null,
  ): void;

  /** Messages expunged on the server (VANISHED or a UID diff). Applied before modseq advances. */
  removeMessages(accountId: string, path: string, uids: number[]): void;

  /** Body text arrived for a stored message. */
  saveBody(accountId: string, path: string, uid: number, bodyText: string, snippet: string): void;

  /** UIDs stored for a mailbox (for the UID/flags diff when CONDSTORE is missing). */
  listUids(accountId: string, path: string): number[];

  /** Messages stored without a body yet, newest first. */
  listUidsMissingBody(accountId: string, path: string, limit: number): number[];
}
