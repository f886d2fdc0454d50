// The mail engine's public face for the rest of the core.
import type { ImapSettings } from '../../../shared/domain';
import { AccountSync, type AccountSyncOptions } from './account-sync';
import type { ClassifiedImapError } from './imap-errors';
import { testConnection, type TestConnectionOptions } from './test-connection';

export { AccountSync, ImapSyncError, INBOX, type AccountSyncOptions } from './account-sync';
export { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
export { syncMailboxBodies, type BodySyncOptions } from './body-sync';
export { listServerFolders, planFolders, roleOf } from './folders';
export { extractBodyText, htmlToText, makeSnippet } from './body-text';
export {
  createImapClient,
  imapFlowOptions,
  tlsOptions,
  type ImapClientOptions,
} from './imap-connection';
export { classifyImapError, type ClassifiedImapError, type ImapErrorKind } from './imap-errors';
export type {
  FolderRole,
  FolderStore,
  IncomingMessage,
  MailboxState,
  MailStore,
  MailSyncSettings,
  ServerFolder,
  StoredFolder,
} from './mail-store';
export {
  syncMailboxOnce,
  uidSet,
  type SyncMailboxOptions,
  type SyncMailboxResult,
} from './mailbox-sync';
export { setSeenOnClient } from './set-seen';
export { testConnection, type TestConnectionOptions } from './test-connection';

/** One account's engine (start / syncOnce / setSeen / dispose). */
export function createImapEngine(options: AccountSyncOptions): AccountSync {
  return new AccountSync(options);
}

/** null when the account can log in, else `{ code, message }` to show the user. */
export function testImapConnection(
  settings: ImapSettings,
  secret: string,
  opts: TestConnectionOptions = {},
): Promise<ClassifiedImapError | null> {
  return testConnection(settings, secret, opts);
}
