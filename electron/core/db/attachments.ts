// Parsed bodies and their attachment lists. The attachments are listed (name, type,
// size, IMAP part) when the body is parsed; their bytes stay on the server until the
// user opens one. The body, its attachment names and the headers are indexed for search
// in one go when the body arrives (see search-index.ts).
import type { MessageAttachment } from '../../../shared/domain';
import type { AttachmentInfo, ParsedBodyExtras } from '../mail/mail-store';
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

/** Whether the list holds a file the sender attached (inline cid: images do not count). */
export function hasFileAttachments(attachments: readonly AttachmentInfo[]): boolean {
  return attachments.some((a) => !a.inline);
}

/**
 * Lists a parsed body's attachments for a message that has none stored yet; returns the
 * names search indexes for them (every named part, inline ones included, as the 0002
 * trigger did).
 */
export function insertAttachments(
  db: Db,
  messageId: number,
  attachments: readonly AttachmentInfo[],
): string {
  const insert = stmt(
    db,
    `INSERT INTO attachments (message_id, part_id, filename, content_type, size, content_id,
       disposition, inline, calendar_method, tnef_index) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const a of attachments) {
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
      a.tnefIndex ?? null,
    );
  }
  return attachments.flatMap((a) => (a.filename === null ? [] : [a.filename])).join(' ');
}

export function saveParsedBody(
  db: Db,
  messageId: number,
  bodyText: string,
  snippet: string,
  extras: ParsedBodyExtras | undefined,
): void {
  stmt(db, 'DELETE FROM attachments WHERE message_id = ?').run(messageId);
  const attachments = extras?.attachments ?? [];
  const names = insertAttachments(db, messageId, attachments);
  stmt(
    db,
    `UPDATE messages SET body_text = ?, snippet = ?, body_html = ?, parse_error = ?,
       has_attachments = ? WHERE id = ?`,
  ).run(
    bodyText,
    snippet,
    extras?.html ?? null,
    extras?.parseError ?? null,
    hasFileAttachments(attachments) ? 1 : 0,
    messageId,
  );
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
