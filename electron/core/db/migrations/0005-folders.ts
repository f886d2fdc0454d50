// Folders: every mailbox the server LISTs, with its special-use role (RFC 6154), whether
// the user wants it synced, and per-account sync settings (window, polling interval).
// Rows for folders not yet synced have no checkpoint; sync_enabled NULL means "follow the
// default for the role" (everything but Junk and Trash), so a later default change applies.
import type { Migration } from './migration';

export const migration0005: Migration = {
  version: 5,
  name: 'folders',
  up: `
    ALTER TABLE mailboxes ADD COLUMN role TEXT
      CHECK (role IN ('inbox', 'sent', 'archive', 'trash', 'junk', 'drafts', 'all', 'flagged'));
    ALTER TABLE mailboxes ADD COLUMN delimiter TEXT;
    ALTER TABLE mailboxes ADD COLUMN sync_enabled INTEGER CHECK (sync_enabled IN (0, 1));
    -- 1 when the last LIST showed the folder; rows created by a sync before any LIST count as listed.
    ALTER TABLE mailboxes ADD COLUMN listed INTEGER NOT NULL DEFAULT 1;

    CREATE TABLE mail_sync_settings (
      account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
      window_days INTEGER CHECK (window_days IS NULL OR window_days > 0),  -- NULL: everything
      poll_interval_s INTEGER NOT NULL DEFAULT 60 CHECK (poll_interval_s > 0)
    ) STRICT;
  `,
};
