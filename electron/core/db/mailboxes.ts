// The mailboxes table: one row per synced folder with its sync checkpoint.
import type { MailboxState } from '../mail/mail-store';
import type { Db } from './connection';
import { stmt } from './statements';

interface MailboxRow {
  id: number;
  path: string;
  uid_validity: string | null;
  highest_modseq: string | null;
  last_seen_uid: number;
}

function rowToState(row: MailboxRow): MailboxState {
  return {
    path: row.path,
    uidValidity: row.uid_validity === null ? null : BigInt(row.uid_validity),
    highestModseq: row.highest_modseq === null ? null : BigInt(row.highest_modseq),
    lastSeenUid: row.last_seen_uid,
  };
}

export function getMailbox(
  db: Db,
  accountId: string,
  path: string,
): (MailboxState & { id: number }) | null {
  const row = stmt(db, 'SELECT * FROM mailboxes WHERE account_id = ? AND path = ?').get(
    accountId,
    path,
  ) as MailboxRow | undefined;
  return row ? { id: row.id, ...rowToState(row) } : null;
}

/** The mailbox's id, creating the row on first sight. */
export function ensureMailbox(db: Db, accountId: string, path: string): number {
  stmt(db, 'INSERT INTO mailboxes (account_id, path) VALUES (?, ?) ON CONFLICT DO NOTHING').run(
    accountId,
    path,
  );
  const row = stmt(db, 'SELECT id FROM mailboxes WHERE account_id = ? AND path = ?').get(
    accountId,
    path,
  ) as { id: number };
  return row.id;
}

export function updateCheckpoint(
  db: Db,
  mailboxId: number,
  checkpoint: {
    uidValidity?: bigint | null;
    highestModseq?: bigint | null;
    lastSeenUid?: number;
  },
): void {
  if (checkpoint.uidValidity !== undefined) {
    stmt(db, 'UPDATE mailboxes SET uid_validity = ? WHERE id = ?').run(
      checkpoint.uidValidity === null ? null : checkpoint.uidValidity.toString(),
      mailboxId,
    );
  }
  if (checkpoint.highestModseq !== undefined) {
    stmt(db, 'UPDATE mailboxes SET highest_modseq = ? WHERE id = ?').run(
      checkpoint.highestModseq === null ? null : checkpoint.highestModseq.toString(),
      mailboxId,
    );
  }
  if (checkpoint.lastSeenUid !== undefined) {
    // Never move backwards: a replayed older batch must not rewind the checkpoint.
    stmt(db, 'UPDATE mailboxes SET last_seen_uid = max(last_seen_uid, ?) WHERE id = ?').run(
      checkpoint.lastSeenUid,
      mailboxId,
    );
  }
}
