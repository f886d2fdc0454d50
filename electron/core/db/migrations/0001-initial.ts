// The first schema: accounts, mailboxes with their sync checkpoints, messages and
// threads. 64-bit IMAP values (UIDVALIDITY, HIGHESTMODSEQ) are TEXT to stay exact.
import type { Migration } from './migration';

export const migration0001: Migration = {
  version: 1,
  name: 'initial',
  up: `
    CREATE TABLE accounts (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL CHECK (kind IN ('imap')),
      settings TEXT NOT NULL,               -- JSON, never secrets
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE mailboxes (
      id INTEGER PRIMARY KEY,
      account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      path TEXT NOT NULL,
      uid_validity TEXT,
      highest_modseq TEXT,
      last_seen_uid INTEGER NOT NULL DEFAULT 0,
      UNIQUE (account_id, path)
    ) STRICT;

    CREATE TABLE threads (
      id INTEGER PRIMARY KEY,
      account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      subject TEXT NOT NULL,
      latest_date TEXT NOT NULL,
      latest_message INTEGER,               -- the message whose sender/snippet the row shows
      message_count INTEGER NOT NULL,
      unread_count INTEGER NOT NULL,
      flagged_count INTEGER NOT NULL
    ) STRICT;
    -- Keyset paging of the timeline: newest first, id as the tie-breaker.
    CREATE INDEX threads_by_date ON threads (latest_date DESC, id DESC);
    CREATE INDEX threads_by_account ON threads (account_id);

    CREATE TABLE messages (
      id INTEGER PRIMARY KEY,
      account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      mailbox_id INTEGER NOT NULL REFERENCES mailboxes(id) ON DELETE CASCADE,
      uid INTEGER NOT NULL,
      message_id TEXT,
      in_reply_to TEXT,
      refs TEXT NOT NULL DEFAULT '[]',      -- JSON array of Message-IDs
      subject TEXT NOT NULL,
      from_json TEXT,
      to_json TEXT NOT NULL DEFAULT '[]',
      cc_json TEXT NOT NULL DEFAULT '[]',
      date TEXT NOT NULL,
      flags TEXT NOT NULL DEFAULT '[]',     -- JSON array as the server reports them
      seen INTEGER NOT NULL DEFAULT 0,
      flagged INTEGER NOT NULL DEFAULT 0,
      size INTEGER NOT NULL DEFAULT 0,
      snippet TEXT NOT NULL DEFAULT '',
      body_text TEXT,
      thread_id INTEGER REFERENCES threads(id) ON DELETE SET NULL,
      UNIQUE (mailbox_id, uid)
    ) STRICT;
    CREATE INDEX messages_by_thread ON messages (thread_id, date);
    CREATE INDEX messages_missing_body ON messages (mailbox_id, uid) WHERE body_text IS NULL;

    -- Every Message-ID seen (own or referenced) mapped to its thread, so a reply that
    -- arrives before its parent still joins the same thread.
    CREATE TABLE thread_links (
      account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      message_id TEXT NOT NULL,
      thread_id INTEGER NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
      PRIMARY KEY (account_id, message_id)
    ) STRICT;
    CREATE INDEX thread_links_by_thread ON thread_links (thread_id);
  `,
};
