// Feed accounts (Atom, RSS, JSON Feed): accounts.kind gains 'feed'. SQLite cannot alter
// a CHECK constraint, so the table is rebuilt as 0003 did, with foreign keys off (a
// DROP TABLE would otherwise cascade to every row that references an account). Per-feed
// state (validators, schedule, backoff, last error) lives in rse_cursors, one stream per
// feed, so no other table is needed.
import type { Migration } from './migration';

export const migration0010: Migration = {
  version: 10,
  name: 'feeds',
  foreignKeysOff: true,
  up: `
    CREATE TABLE accounts_new (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL
        CHECK (kind IN ('imap', 'wordpress', 'mattermost', 'zulip', 'discourse', 'mastodon',
                        'feed')),
      settings TEXT NOT NULL,               -- JSON, never secrets
      created_at TEXT NOT NULL
    ) STRICT;
    INSERT INTO accounts_new (id, name, kind, settings, created_at)
      SELECT id, name, kind, settings, created_at FROM accounts;
    DROP TABLE accounts;
    ALTER TABLE accounts_new RENAME TO accounts;
  `,
};
