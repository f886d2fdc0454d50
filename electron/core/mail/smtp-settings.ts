// Each IMAP account's outgoing server, in the smtp_settings table (migration 0004). The
// password is the account's own, from the secret store; nothing secret is stored here.
import type { SmtpSettings } from '../../../shared/requests/mail-actions';
import type { Db } from '../db/connection';
import { stmt } from '../db/statements';

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
