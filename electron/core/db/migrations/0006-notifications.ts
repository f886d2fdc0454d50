// Notifications: the user's settings, threads they muted, and every item already
// notified, so a restart or a re-download (UIDVALIDITY change) never notifies twice.
import type { Migration } from './migration';

export const migration0006: Migration = {
  version: 6,
  name: 'notifications',
  up: `
    -- One JSON document per key ('settings'); the shape is validated by the contract's
    -- schema when read, so adding a setting needs no migration.
    CREATE TABLE notify_settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    -- thread_key is neutral ('mail:<thread id>', 'rse:<post id>') so every source can
    -- mute what it calls a thread; no foreign key, as threads merge and change ids.
    CREATE TABLE notify_muted_threads (
      account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      thread_key TEXT NOT NULL,
      muted_at TEXT NOT NULL,
      PRIMARY KEY (account_id, thread_key)
    ) STRICT;

    -- item_key is stable across re-downloads (the Message-ID for mail), unlike row ids.
    CREATE TABLE notify_sent (
      item_key TEXT PRIMARY KEY,
      notified_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX notify_sent_by_time ON notify_sent (notified_at);
  `,
};
