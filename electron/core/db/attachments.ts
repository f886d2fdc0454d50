// Parsed bodies and their attachment lists. The attachments are listed (name, type,
// size, IMAP part) when the body is parsed; their bytes stay on the server until the
// user opens one. The body, its attachment names and the headers are indexed for search
// in one go when the body arrives (see search-index.ts).
import type { MessageAttachment } from '../../../shared/domain';
import type { ParsedBodyExtras } from '../mail/mail-store';
import type { Db } from './connection';
import { reindexMessage } from './search-index';
import { stmt } from './statements';

interface AttachmentRow {
  id: number;
  part_id: string | null;
  filename: string | null;
  content_type: string;
  size: number;
  content_id: string | null;
  inline: number;
  calendar_method: string | null;
}

export function saveParsedBody(
  db: Db,
  messageId: number,
  bodyText: string,
  snippet: string,
  extras: ParsedBodyExtras | undefined,
): void {
  stmt(db, 'DELETE FROM attachments WHERE message_id = ?').run(messageId);
  const insert = stmt(
    db,
    `INSERT INTO attachments (message_id, part_id, filename, content_type, size, content_id,
       disposition, inline, calendar_method) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const a of extras?.attachments ?? []) {
    insert.run(
      messageId,
      a.partId,
      a.filename,
      a.contentType,
      a.size,
      a.contentId,
      a.disposition,
      a.inline ? 1 : 0,
      a.calendarMethod,
    );
  }
  const attachments = extras?.attachments ?? [];
  const files = attachments.filter((a) => !a.inline).length;
  stmt(
    db,
    `UPDATE messages SET body_text = ?, snippet = ?, body_html = ?, parse_error = ?,
       has_attachments = ? WHERE id = ?`,
  ).run(
    bodyText,
    snippet,
    extras?.html ?? null,
    extras?.parseError ?? null,
    files > 0 ? 1 : 0,
    messageId,
  );
  // Every named part is searchable, inline ones included, as the 0002 trigger did.
  const names = attachments.flatMap((a) => (a.filename === null ? [] : [a.filename])).join(' ');
  reindexMessage(db, messageId, bodyText, names);
}

/** The names search indexes for a message's attachments. */
export function attachmentNames(db: Db, messageId: number): string {
  return (
    stmt(
      db,
      "SELECT coalesce(group_concat(filename, ' '), '') AS names FROM attachments WHERE message_id = ? AND filename IS NOT NULL",
    ).get(messageId) as { names: string }
  ).names;
}

export function listAttachments(db: Db, messageId: number): MessageAttachment[] {
  return (
    stmt(
      db,
      `SELECT id, part_id, filename, content_type, size, content_id, inline, calendar_method
         FROM attachments WHERE message_id = ? ORDER BY id`,
    ).all(messageId) as AttachmentRow[]
  ).map((r) => ({
    id: String(r.id),
    partId: r.part_id,
    filename: r.filename,
    contentType: r.content_type,
    size: r.size,
    contentId: r.content_id,
    inline: r.inline === 1,
    calendarMethod: r.calendar_method,
  }));
}
