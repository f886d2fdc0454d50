// The accounts table. Settings are JSON without secrets; the password lives in the
// secret store under secretKeyFor(account id).
import type { Account, ImapSettings, MailIdentity, RseSettings } from '../../../shared/domain';
import type { Db } from './connection';
import { stmt } from './statements';

interface AccountRow {
  id: string;
  name: string;
  kind: Account['kind'];
  settings: string;
  created_at: string;
  identity: string | null;
}

// Distributes over the union, so each kind keeps its own settings field.
export type StoredAccount = Account extends infer A
  ? A extends Account
    ? Omit<A, 'status'>
    : never
  : never;
export type StoredImapAccount = Extract<StoredAccount, { kind: 'imap' }>;
export type StoredRseAccount = Exclude<StoredAccount, { kind: 'imap' }>;

function rowToAccount(row: AccountRow): StoredAccount {
  const base = { id: row.id, name: row.name, createdAt: row.created_at };
  if (row.kind !== 'imap') {
    return { ...base, kind: row.kind, rse: JSON.parse(row.settings) as RseSettings };
  }
  const identity = row.identity ? { identity: JSON.parse(row.identity) as MailIdentity } : {};
  return { ...base, kind: row.kind, imap: JSON.parse(row.settings) as ImapSettings, ...identity };
}

export function secretKeyFor(accountId: string): string {
  return `account:${accountId}:password`;
}

export function insertAccount(db: Db, account: StoredAccount): void {
  stmt(
    db,
    'INSERT INTO accounts (id, name, kind, settings, created_at) VALUES (?, ?, ?, ?, ?)',
  ).run(
    account.id,
    account.name,
    account.kind,
    JSON.stringify(account.kind === 'imap' ? account.imap : account.rse),
    account.createdAt,
  );
}

export function listAccounts(db: Db): StoredAccount[] {
  const rows = stmt(db, 'SELECT * FROM accounts ORDER BY created_at, name').all() as AccountRow[];
  return rows.map(rowToAccount);
}

export function getAccount(db: Db, id: string): StoredAccount | null {
  const row = stmt(db, 'SELECT * FROM accounts WHERE id = ?').get(id) as AccountRow | undefined;
  return row ? rowToAccount(row) : null;
}

export function findAccountByName(db: Db, name: string): StoredAccount | null {
  const row = stmt(db, 'SELECT * FROM accounts WHERE name = ?').get(name) as AccountRow | undefined;
  return row ? rowToAccount(row) : null;
}

/** Removes the account and, through ON DELETE CASCADE, its mailboxes, messages and threads. */
export function deleteAccount(db: Db, id: string): boolean {
  return stmt(db, 'DELETE FROM accounts WHERE id = ?').run(id).changes > 0;
}

/** Replaces an IMAP account's settings (e.g. a certificate the user chose to trust). */
export function updateImapSettings(db: Db, id: string, settings: ImapSettings): boolean {
  return (
    stmt(db, "UPDATE accounts SET settings = ? WHERE id = ? AND kind = 'imap'").run(
      JSON.stringify(settings),
      id,
    ).changes > 0
  );
}

/** Sets a mail account's display name and signature. */
export function setIdentity(db: Db, id: string, identity: MailIdentity): boolean {
  return (
    stmt(db, "UPDATE accounts SET identity = ? WHERE id = ? AND kind = 'imap'").run(
      JSON.stringify(identity),
      id,
    ).changes > 0
  );
}

/** Renames an account (its display name; ids, settings and secrets stay). */
export function renameAccount(db: Db, id: string, name: string): boolean {
  return stmt(db, 'UPDATE accounts SET name = ? WHERE id = ?').run(name, id).changes > 0;
}
