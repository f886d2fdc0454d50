// How to stop a sender's mail (List-Unsubscribe, RFC 2369/8058; mail/list-unsubscribe.ts),
// per message that offers it. A table of its own, as message_list_ids (0015): most mail
// offers none, and the hot insert of messages stays as it is. Filled at sync from now on.
import type { Migration } from './migration';

export const migration0020: Migration = {
  version: 20,
  name: 'unsubscribe',
  up: `
    CREATE TABLE message_unsubscribe (
      message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
      web TEXT,
      mailto TEXT,
      one_click INTEGER NOT NULL
    ) STRICT;
  `,
};
