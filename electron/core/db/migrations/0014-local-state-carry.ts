// Local state outlives UIDs. Snoozes, mutes and conversions point at thread ids, and a
// UIDVALIDITY change (RFC 3501 §2.3.1.1) makes the sync forget and re-download a folder,
// which deletes its threads. Before that, the Message-IDs of every thread that carries
// such state are written here; once the folder is re-synced the state is moved to the
// threads those Message-IDs now belong to (db/local-state-carry.ts). A table rather than
// memory, so a kill between the reset and the re-sync loses nothing.
import type { Migration } from './migration';

export const migration0014: Migration = {
  version: 14,
  name: 'local-state-carry',
  up: `
    CREATE TABLE local_state_carry (
      account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      mailbox_path TEXT NOT NULL,
      -- No foreign key: the thread is deleted by the reset this row survives.
      old_thread_id INTEGER NOT NULL,
      message_id TEXT NOT NULL,
      PRIMARY KEY (account_id, mailbox_path, old_thread_id, message_id)
    ) STRICT;
  `,
};
