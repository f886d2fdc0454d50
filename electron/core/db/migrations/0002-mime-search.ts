// MIME bodies, attachments, thread subject keys and full-text search.
// - messages gain the raw HTML body, a parse error (the message is then kept raw) and a
//   has_attachments flag that has:attachment reads without a join.
// - attachments are listed (name, type, size, IMAP part) when the body is parsed; their
//   content is fetched on demand later, so it is never stored here.
// - threads gain the normalised subject key and whether their root message was seen,
//   which the subject fallback of threading needs (see db/threads.ts).
// - messages_fts is contentless (the text already lives in messages) and kept in sync
//   by triggers, so every path that writes or deletes a message (sync, UIDVALIDITY
//   reset, account removal by cascade) updates the index in the same transaction.
import type { Migration } from './migration';

// The participants of a message as words: display names and addresses.
const SENDER = `coalesce(json_extract(new.from_json, '$.name'), '') || ' ' ||
      coalesce(json_extract(new.from_json, '$.address'), '')`;
const RECIPIENTS = `coalesce((SELECT group_concat(
        coalesce(json_extract(value, '$.name'), '') || ' ' || coalesce(json_extract(value, '$.address'), ''), ' ')
      FROM (SELECT value FROM json_each(new.to_json) UNION ALL SELECT value FROM json_each(new.cc_json))), '')`;
const ATTACHMENT_NAMES = `coalesce((SELECT group_concat(filename, ' ') FROM attachments
      WHERE message_id = new.id AND filename IS NOT NULL), '')`;
const INDEX_NEW = `INSERT INTO messages_fts (rowid, subject, sender, recipients, body, attachments)
    VALUES (new.id, new.subject, ${SENDER}, ${RECIPIENTS}, coalesce(new.body_text, ''), ${ATTACHMENT_NAMES});`;

export const migration0002: Migration = {
  version: 2,
  name: 'mime-search',
  up: `
    ALTER TABLE messages ADD COLUMN body_html TEXT;
    ALTER TABLE messages ADD COLUMN parse_error TEXT;
    ALTER TABLE messages ADD COLUMN has_attachments INTEGER NOT NULL DEFAULT 0;
    -- Search results and date filters walk messages newest first.
    CREATE INDEX messages_by_date ON messages (date DESC, id DESC);

    CREATE TABLE attachments (
      id INTEGER PRIMARY KEY,
      message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
      part_id TEXT,                         -- IMAP section ("2", "1.3"); NULL inside a forwarded message
      filename TEXT,
      content_type TEXT NOT NULL,
      size INTEGER NOT NULL,                -- decoded bytes
      content_id TEXT,                      -- for cid: references from the HTML body
      disposition TEXT,
      inline INTEGER NOT NULL DEFAULT 0,    -- an image the HTML shows, not a file the user sent
      calendar_method TEXT                  -- REQUEST, CANCEL… for text/calendar invites
    ) STRICT;
    CREATE INDEX attachments_by_message ON attachments (message_id);

    ALTER TABLE threads ADD COLUMN subject_key TEXT NOT NULL DEFAULT '';
    ALTER TABLE threads ADD COLUMN rooted INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX threads_by_subject ON threads (account_id, subject_key, latest_date)
      WHERE subject_key <> '';

    CREATE VIRTUAL TABLE messages_fts USING fts5 (
      subject, sender, recipients, body, attachments,
      content = '', contentless_delete = 1,
      tokenize = 'unicode61 remove_diacritics 2'
    );

    CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
      ${INDEX_NEW}
    END;
    -- Header replays rewrite every column; reindex only when searchable text changed.
    CREATE TRIGGER messages_fts_update AFTER UPDATE ON messages
      WHEN old.subject IS NOT new.subject OR old.from_json IS NOT new.from_json
        OR old.to_json IS NOT new.to_json OR old.cc_json IS NOT new.cc_json
        OR old.body_text IS NOT new.body_text OR old.has_attachments IS NOT new.has_attachments
    BEGIN
      DELETE FROM messages_fts WHERE rowid = old.id;
      ${INDEX_NEW}
    END;
    CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
      DELETE FROM messages_fts WHERE rowid = old.id;
    END;

    -- Messages stored by version 1 become searchable at once.
    INSERT INTO messages_fts (rowid, subject, sender, recipients, body, attachments)
      SELECT id, subject, ${SENDER.replaceAll('new.', 'm.')}, ${RECIPIENTS.replaceAll('new.', 'm.')},
        coalesce(body_text, ''), '' FROM messages m;
  `,
};
