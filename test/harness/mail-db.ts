// A database with one bare IMAP account row, for the specs and benches that drive the
// mail store (or the sync on top of it) without the core. The account only has to exist:
// messages, mailboxes and threads reference it.
import { insertAccount, type StoredImapAccount } from '../../electron/core/db/accounts';
import type { Db } from '../../electron/core/db/connection';

export interface TestImapAccount {
  id?: string;
  name?: string;
  /** Where the account would connect; nothing connects unless the spec syncs it itself. */
  imap?: Partial<StoredImapAccount['imap']>;
}

/** Inserts the account row (plain IMAP, loopback, unless told otherwise); returns its id. */
export function insertImapAccount(db: Db, account: TestImapAccount = {}): string {
  const id = account.id ?? 'a';
  insertAccount(db, {
    id,
    name: account.name ?? 'Test',
    kind: 'imap',
    imap: { host: '127.0.0.1', port: 1, tls: 'none', user: 'alice', ...account.imap },
    createdAt: new Date(0).toISOString(),
  } as StoredImapAccount);
  return id;
}
