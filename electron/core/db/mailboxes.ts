// The mailboxes table: one row per synced folder with its sync checkpoint.
import type {
  FolderChanges,
  FolderRole,
  MailboxState,
  MailSyncSettings,
  ServerFolder,
  StoredFolder,
} from '../mail/mail-store';
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

// Folders (migration 0005) --------------------------------------------------------------

interface FolderRow {
  id: number;
  path: string;
  role: FolderRole | null;
  uid_validity: string | null;
  sync_enabled: number | null;
  listed: number;
}

/** Junk and Trash are noise; \All and \Flagged are virtual and would duplicate every message. */
const UNSYNCED_BY_DEFAULT: ReadonlySet<FolderRole> = new Set(['junk', 'trash', 'all', 'flagged']);

export function defaultSyncFor(role: FolderRole | null): boolean {
  return role === null || !UNSYNCED_BY_DEFAULT.has(role);
}

export function listFolderRows(db: Db, accountId: string): StoredFolder[] {
  const rows = stmt(
    db,
    'SELECT * FROM mailboxes WHERE account_id = ? AND listed = 1 ORDER BY path',
  ).all(accountId) as FolderRow[];
  return rows.map((r) => ({
    path: r.path,
    role: r.role,
    syncOverride: r.sync_enabled === null ? null : r.sync_enabled === 1,
    syncEnabled: r.sync_enabled === null ? defaultSyncFor(r.role) : r.sync_enabled === 1,
  }));
}

/**
 * Brings the stored folders in line with a LIST. A stored folder that disappeared while a
 * new one with the same UIDVALIDITY appeared was renamed (RFC 3501 §6.3.5 keeps UIDs
 * across a rename): its row, messages and checkpoint move to the new name. Returns the
 * mailbox ids to delete; the caller removes them with their messages and threads.
 */
export function reconcileFolders(
  db: Db,
  accountId: string,
  folders: ServerFolder[],
): FolderChanges & { deleteIds: number[] } {
  const stored = stmt(db, 'SELECT * FROM mailboxes WHERE account_id = ?').all(
    accountId,
  ) as FolderRow[];
  const byPath = new Map(stored.map((r) => [r.path, r]));
  const onServer = new Set(folders.map((f) => f.path));
  const gone = stored.filter((r) => !onServer.has(r.path));
  const changes: FolderChanges & { deleteIds: number[] } = {
    added: [],
    renamed: [],
    removed: [],
    deleteIds: [],
  };
  const update = stmt(
    db,
    'UPDATE mailboxes SET path = ?, role = ?, delimiter = ?, listed = 1 WHERE id = ?',
  );
  for (const folder of folders) {
    const row = byPath.get(folder.path);
    if (row) {
      update.run(folder.path, folder.role, folder.delimiter, row.id);
      continue;
    }
    const uv = folder.uidValidity?.toString();
    const from = uv ? gone.find((r) => r.uid_validity === uv) : undefined;
    if (from) {
      gone.splice(gone.indexOf(from), 1);
      update.run(folder.path, folder.role, folder.delimiter, from.id);
      changes.renamed.push({ from: from.path, to: folder.path });
    } else {
      stmt(
        db,
        'INSERT INTO mailboxes (account_id, path, role, delimiter, listed) VALUES (?, ?, ?, ?, 1)',
      ).run(accountId, folder.path, folder.role, folder.delimiter);
      changes.added.push(folder.path);
    }
  }
  for (const row of gone) {
    changes.removed.push(row.path);
    changes.deleteIds.push(row.id);
  }
  return changes;
}

export function setFolderSyncRow(
  db: Db,
  accountId: string,
  path: string,
  enabled: boolean | null,
): void {
  ensureMailbox(db, accountId, path);
  stmt(db, 'UPDATE mailboxes SET sync_enabled = ? WHERE account_id = ? AND path = ?').run(
    enabled === null ? null : enabled ? 1 : 0,
    accountId,
    path,
  );
}

export function getSyncSettingsRow(db: Db, accountId: string): MailSyncSettings {
  const row = stmt(db, 'SELECT * FROM mail_sync_settings WHERE account_id = ?').get(accountId) as
    { window_days: number | null; poll_interval_s: number } | undefined;
  return { windowDays: row?.window_days ?? null, pollIntervalS: row?.poll_interval_s ?? 60 };
}

export function setSyncSettingsRow(
  db: Db,
  accountId: string,
  settings: Partial<MailSyncSettings>,
): void {
  const next = { ...getSyncSettingsRow(db, accountId), ...settings };
  stmt(
    db,
    `INSERT INTO mail_sync_settings (account_id, window_days, poll_interval_s) VALUES (?, ?, ?)
     ON CONFLICT (account_id) DO UPDATE SET window_days = excluded.window_days,
       poll_interval_s = excluded.poll_interval_s`,
  ).run(accountId, next.windowDays, next.pollIntervalS);
}
