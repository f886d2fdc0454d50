// Each IMAP account's outgoing server, in the smtp_settings table (migration 0004). The
// password is the account's own, from the secret store; nothing secret is stored here.
import type { SmtpSettings } from '../../../shared/requests/mail-actions';
import type { StoredImapAccount } from '../db/accounts';
import type { Db } from '../db/connection';
import { stmt } from '../db/statements';
import { bareAddresses, formatAddress } from './smtp-compose';

export function saveSmtpSettings(db: Db, accountId: string, settings: SmtpSettings): void {
  stmt(
    db,
    `INSERT INTO smtp_settings (account_id, settings) VALUES (?, ?)
     ON CONFLICT (account_id) DO UPDATE SET settings = excluded.settings`,
  ).run(accountId, JSON.stringify(settings));
}

export function getSmtpSettings(db: Db, accountId: string): SmtpSettings | null {
  const row = stmt(db, 'SELECT settings FROM smtp_settings WHERE account_id = ?').get(accountId) as
    { settings: string } | undefined;
  return row ? (JSON.parse(row.settings) as SmtpSettings) : null;
}

/** The address mail is sent from: the configured one, else the login when it is an address. */
export function senderAddress(
  smtp: SmtpSettings | null,
  imapUser: string,
  imapHost: string,
): string {
  if (smtp?.from) return smtp.from;
  const user = smtp?.user ?? imapUser;
  return user.includes('@') ? user : `${user}@${imapHost}`;
}

/**
 * The From of an account's messages: its sender address, with the identity's name when the
 * user set one (it replaces a name written into the SMTP settings' From, `--from`).
 */
export function senderOf(
  db: Db,
  account: Pick<StoredImapAccount, 'id' | 'imap' | 'identity'>,
): string {
  const { user, host } = account.imap;
  const sender = senderAddress(getSmtpSettings(db, account.id), user, host);
  const name = account.identity?.name;
  if (!name) return sender;
  return formatAddress({ name, address: bareAddresses([sender])[0] ?? sender });
}
