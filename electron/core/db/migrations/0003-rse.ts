// The enterprise social network: spaces (followed or not), posts and comments, and the
// per-stream cursors of incremental reads. Accounts gain the RSE kinds; SQLite cannot
// alter a CHECK constraint, so the table is rebuilt (create, copy, drop, rename) with
// foreign keys off for the migration (see Migration.foreignKeysOff), which keeps every
// row that references an account.
import type { Migration } from './migration';

export const migration0003: Migration = {
  version: 3,
  name: 'rse',
  foreignKeysOff: true,
  up: `
    CREATE TABLE accounts_new (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL
        CHECK (kind IN ('imap', 'wordpress', 'mattermost', 'zulip', 'discourse', 'mastodon')),
      settings TEXT NOT NULL,               -- JSON, never secrets
      created_at TEXT NOT NULL
    ) STRICT;
    INSERT INTO accounts_new (id, name, kind, settings, created_at)
      SELECT id, name, kind, settings, created_at FROM accounts;
    DROP TABLE accounts;
    ALTER TABLE accounts_new RENAME TO accounts;

    CREATE TABLE rse_spaces (
      id INTEGER PRIMARY KEY,
      account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      remote_id TEXT NOT NULL,
      name TEXT NOT NULL,
      description TEXT,
      followed INTEGER NOT NULL DEFAULT 0 CHECK (followed IN (0, 1)),
      UNIQUE (account_id, remote_id)
    ) STRICT;

    CREATE TABLE rse_items (
      id INTEGER PRIMARY KEY,
      account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      kind TEXT NOT NULL CHECK (kind IN ('post', 'comment')),
      remote_id TEXT NOT NULL,
      space_remote_id TEXT,                 -- posts; comments take their post's
      post_id INTEGER REFERENCES rse_items(id) ON DELETE CASCADE,   -- comments
      parent_remote_id TEXT,                -- comments answering a comment
      author_name TEXT NOT NULL,
      author_avatar_url TEXT,
      title TEXT,
      body_html TEXT NOT NULL,              -- raw from the network; sanitised when rendered
      created_at TEXT NOT NULL,
      edited_at TEXT,
      permalink TEXT,
      read INTEGER NOT NULL DEFAULT 0 CHECK (read IN (0, 1)),
      mentions_me INTEGER NOT NULL DEFAULT 0 CHECK (mentions_me IN (0, 1)),
      deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
      -- Posts only, kept by the writer: what the timeline row shows and sorts by.
      activity_at TEXT,                     -- latest of the post and its comments
      comment_count INTEGER NOT NULL DEFAULT 0,
      unread_count INTEGER NOT NULL DEFAULT 0,  -- the post itself and its comments
      -- Kinds share one id space per account on every supported network (WordPress
      -- posts and comments do not: the kind is part of the key).
      UNIQUE (account_id, kind, remote_id)
    ) STRICT;
    -- Keyset paging of posts in the timeline, newest activity first.
    CREATE INDEX rse_posts_by_activity ON rse_items (activity_at DESC, id DESC)
      WHERE kind = 'post' AND deleted = 0;
    CREATE INDEX rse_items_by_post ON rse_items (post_id, created_at);

    CREATE TABLE rse_cursors (
      account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      stream TEXT NOT NULL,                 -- the connector's name for it ('posts:12')
      cursor TEXT NOT NULL,
      PRIMARY KEY (account_id, stream)
    ) STRICT;
  `,
};
