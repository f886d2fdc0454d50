// Drafts: what the composer holds, saved as the user types so a crash or restart loses
// nothing, with its attachments; the Drafts-folder copy is kept in step by an outbox task.
import type { Migration } from './migration';

export const migration0009: Migration = {
  version: 9,
  name: 'drafts',
  up: `
    CREATE TABLE drafts (
      id INTEGER PRIMARY KEY,
      account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      -- Stable and unique across profiles: the X-Passerelle-Draft header of the server
      -- copy, so an older copy is found and replaced even after a crash mid-update.
      draft_key TEXT NOT NULL UNIQUE,
      to_json TEXT NOT NULL DEFAULT '[]',
      cc_json TEXT NOT NULL DEFAULT '[]',
      bcc_json TEXT NOT NULL DEFAULT '[]',
      subject TEXT NOT NULL DEFAULT '',
      body_text TEXT NOT NULL DEFAULT '',
      body_html TEXT,
      in_reply_to TEXT,
      refs TEXT NOT NULL DEFAULT '[]',
      -- The send task once sent; the draft stays (hidden) until that task is done, so an
      -- undone send gives the user the draft back with its attachments.
      send_task_id INTEGER,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX drafts_by_update ON drafts (updated_at);

    -- Content kept in the database rather than loose files: it is written in the same
    -- transaction as the draft and goes with it (ON DELETE CASCADE), never orphaned.
    CREATE TABLE draft_attachments (
      id INTEGER PRIMARY KEY,
      draft_id INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
      filename TEXT NOT NULL,
      content_type TEXT NOT NULL,
      size INTEGER NOT NULL,
      content BLOB NOT NULL
    ) STRICT;
    CREATE INDEX draft_attachments_by_draft ON draft_attachments (draft_id);
  `,
};
