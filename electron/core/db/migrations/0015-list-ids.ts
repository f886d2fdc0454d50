// The mailing list (RFC 2919 List-Id) each message came through, so the destination of a
// conversion can be remembered per list: a list's threads come from ever-changing senders.
// A table of its own rather than a column: most messages belong to no list, and the hot
// insert of messages stays as it is. Filled at sync for messages stored from now on.
import type { Migration } from './migration';

export const migration0015: Migration = {
  version: 15,
  name: 'list-ids',
  up: `
    CREATE TABLE message_list_ids (
      message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
      -- The list's identifier without angle brackets, lower-case (db/message-lists.ts).
      list_id TEXT NOT NULL
    ) STRICT;
  `,
};
