// Conversions (email thread -> RSE post): one record per conversion, kept after the
// outbox task is pruned, so the thread can show "Posted to SPACE ↗", the post "From an
// email thread", and the Converted view every conversion with its state. The remote ids
// are written as each step succeeds: a retry continues from them and never posts twice.
import type { Migration } from './migration';

export const migration0007: Migration = {
  version: 7,
  name: 'conversions',
  up: `
    CREATE TABLE conversions (
      id INTEGER PRIMARY KEY,
      -- No foreign key to threads: threads merge and change ids; the Message-IDs below
      -- are what identifies the conversation for good.
      thread_id INTEGER NOT NULL,
      mail_account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      rse_account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      space_remote_id TEXT NOT NULL,
      space_name TEXT NOT NULL,
      title TEXT NOT NULL,
      message_ids TEXT NOT NULL,             -- JSON array of the thread's Message-IDs
      -- Written into the post (an HTML comment / marker) so a task that crashed between
      -- "post created" and "post recorded" finds its post instead of creating another.
      idempotency_key TEXT NOT NULL UNIQUE,
      task_id INTEGER,                        -- the outbox task (pruned after a week)
      state TEXT NOT NULL
        CHECK (state IN ('queued', 'posting', 'partial', 'posted', 'failed', 'cancelled')),
      post_remote_id TEXT,
      reply_remote_ids TEXT NOT NULL DEFAULT '[]',
      permalink TEXT,
      last_error TEXT,
      converted_by TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX conversions_by_thread ON conversions (thread_id, id);
    CREATE INDEX conversions_by_post ON conversions (rse_account_id, post_remote_id);

    -- Where the c key posts (convert/destination.ts): one JSON document, validated when read.
    CREATE TABLE convert_preferences (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;
  `,
};
