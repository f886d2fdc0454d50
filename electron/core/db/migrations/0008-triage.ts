// Triage: snoozed timeline items, saved searches and paused accounts. Snoozes are keyed by
// the timeline item id ('mail-thread:12', 'rse-post:7') so one table serves every source;
// a row exists only while the item sleeps, and waking deletes it.
import type { Migration } from './migration';

export const migration0008: Migration = {
  version: 8,
  name: 'triage',
  up: `
    CREATE TABLE snoozes (
      item_key TEXT PRIMARY KEY,
      account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      until TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;
    -- The wake-up timer asks for the earliest one.
    CREATE INDEX snoozes_by_until ON snoozes (until);

    CREATE TABLE saved_searches (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      query TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;

    -- Paused accounts do not sync; their items stay in the timeline.
    CREATE TABLE paused_accounts (
      account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
      paused_at TEXT NOT NULL
    ) STRICT;
  `,
};
