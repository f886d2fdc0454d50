// The outbox, and each account's SMTP settings. The outbox: every remote write (flags, moves, sends) is a task row. The local effect is
// applied in the transaction that inserts the row, so the two can never disagree after a
// crash; the remote step is retried from next_attempt_at until it is done or fails.
import type { Migration } from './migration';

export const migration0004: Migration = {
  version: 4,
  name: 'tasks',
  up: `
    CREATE TABLE tasks (
      id INTEGER PRIMARY KEY,
      account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      kind TEXT NOT NULL,
      payload TEXT NOT NULL,                 -- JSON; includes what rollback and undo need
      state TEXT NOT NULL CHECK (state IN ('pending', 'running', 'failed', 'done', 'undone')),
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER NOT NULL,      -- ms since the epoch
      last_error TEXT,
      owner INTEGER,                         -- pid of the process running it, to recover after a crash
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    -- The runner's scan: open tasks per account in order, and the next due one.
    CREATE INDEX tasks_open ON tasks (account_id, id) WHERE state IN ('pending', 'running');
    CREATE INDEX tasks_by_state ON tasks (state, next_attempt_at);

    -- An IMAP account's outgoing server (JSON, never the password: SMTP reuses the account's).
    CREATE TABLE smtp_settings (
      account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
      settings TEXT NOT NULL
    ) STRICT;
  `,
};
