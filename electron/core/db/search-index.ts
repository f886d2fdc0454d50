// Writes messages_fts from code instead of per-row triggers (migration 0011). A message is
// indexed when its header is stored, with the participants as plain words computed here
// from the objects already in hand (no json_each per row). A body that comes later
// replaces the entry (contentless-delete FTS5: 'delete' the rowid, insert the full row);
// a catch-up that parses the body with the header indexes the message once, body and
// attachment names included. Header replays that change searchable fields still go
// through the narrow update trigger.
import type { Address } from '../../../shared/domain';
import type { Db } from './connection';
import { stmt } from './statements';

/** One participant as the words search matches: display name and address. */
function participant(a: Address | null | undefined): string {
  return a ? `${a.name ?? ''} ${a.address ?? ''}` : '';
}

export interface IndexedHeaders {
  subject: string;
  from: Address | null;
  to: Address[];
  cc: Address[];
}

const INSERT = `INSERT INTO messages_fts (rowid, subject, sender, recipients, body, attachments)
  VALUES (?, ?, ?, ?, ?, ?)`;

/** Indexes a message stored for the first time (its body may still be missing). */
export function indexMessage(
  db: Db,
  id: number,
  headers: IndexedHeaders,
  body: string | null,
  attachmentNames = '',
): void {
  const recipients = [...headers.to, ...headers.cc].map(participant).join(' ');
  stmt(db, INSERT).run(
    id,
    headers.subject,
    participant(headers.from),
    recipients,
    body ?? '',
    attachmentNames,
  );
}

interface StoredHeaders {
  subject: string;
  from_json: string | null;
  to_json: string;
  cc_json: string;
}

/** Replaces a stored message's entry, e.g. when its body and attachment list arrive. */
export function reindexMessage(db: Db, id: number, body: string | null, attachmentNames: string) {
  const row = stmt(
    db,
    'SELECT subject, from_json, to_json, cc_json FROM messages WHERE id = ?',
  ).get(id) as StoredHeaders | undefined;
  if (!row) return;
  stmt(db, 'DELETE FROM messages_fts WHERE rowid = ?').run(id);
  indexMessage(
    db,
    id,
    {
      subject: row.subject,
      from: row.from_json ? (JSON.parse(row.from_json) as Address) : null,
      to: JSON.parse(row.to_json) as Address[],
      cc: JSON.parse(row.cc_json) as Address[],
    },
    body,
    attachmentNames,
  );
}
