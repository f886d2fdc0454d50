// The drafts and draft_attachments tables. Functions take the db first and run inside
// the caller's transaction (the single writer).
import { randomUUID } from 'node:crypto';
import type { Draft, DraftAttachmentInfo } from '../../../shared/requests/compose';
import type { Db } from './connection';
import { stmt } from './statements';

export interface DraftRow {
  id: number;
  account_id: string;
  draft_key: string;
  to_json: string;
  cc_json: string;
  bcc_json: string;
  subject: string;
  body_text: string;
  body_html: string | null;
  in_reply_to: string | null;
  refs: string;
  send_task_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface DraftFields {
  accountId: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  text: string;
  html: string | null;
  inReplyTo: string | null;
  references: string[];
}

export interface AttachmentContent {
  filename: string;
  contentType: string;
  content: Buffer;
}

export function rowToDraft(row: DraftRow, attachments: DraftAttachmentInfo[]): Draft {
  return {
    id: String(row.id),
    accountId: row.account_id,
    to: JSON.parse(row.to_json) as string[],
    cc: JSON.parse(row.cc_json) as string[],
    bcc: JSON.parse(row.bcc_json) as string[],
    subject: row.subject,
    text: row.body_text,
    html: row.body_html,
    inReplyTo: row.in_reply_to,
    references: JSON.parse(row.refs) as string[],
    attachments,
    sendTaskId: row.send_task_id === null ? null : String(row.send_task_id),
    updatedAt: row.updated_at,
  };
}

function draftToRow(fields: DraftFields) {
  return {
    account_id: fields.accountId,
    to_json: JSON.stringify(fields.to),
    cc_json: JSON.stringify(fields.cc),
    bcc_json: JSON.stringify(fields.bcc),
    subject: fields.subject,
    body_text: fields.text,
    body_html: fields.html,
    in_reply_to: fields.inReplyTo,
    refs: JSON.stringify(fields.references),
  };
}

export function getDraftRow(db: Db, id: number): DraftRow | null {
  return (stmt(db, 'SELECT * FROM drafts WHERE id = ?').get(id) as DraftRow | undefined) ?? null;
}

/** Inserts or updates; saving again clears a send that was undone. */
export function saveDraft(db: Db, id: number | null, fields: DraftFields, now: string): DraftRow {
  const row = draftToRow(fields);
  if (id !== null) {
    const updated = stmt(
      db,
      `UPDATE drafts SET account_id = @account_id, to_json = @to_json, cc_json = @cc_json,
         bcc_json = @bcc_json, subject = @subject, body_text = @body_text,
         body_html = @body_html, in_reply_to = @in_reply_to, refs = @refs,
         send_task_id = NULL, updated_at = @now
       WHERE id = @id RETURNING *`,
    ).get({ ...row, id, now }) as DraftRow | undefined;
    if (updated) return updated;
  }
  return stmt(
    db,
    `INSERT INTO drafts (account_id, draft_key, to_json, cc_json, bcc_json, subject, body_text,
       body_html, in_reply_to, refs, created_at, updated_at)
     VALUES (@account_id, @draft_key, @to_json, @cc_json, @bcc_json, @subject, @body_text,
       @body_html, @in_reply_to, @refs, @now, @now) RETURNING *`,
  ).get({ ...row, draft_key: randomUUID(), now }) as DraftRow;
}

/** Drafts the user still edits: never sent, or whose send was undone. */
export function listDraftRows(db: Db, accountId: string | undefined): DraftRow[] {
  return stmt(
    db,
    `SELECT d.* FROM drafts d LEFT JOIN tasks t ON t.id = d.send_task_id
     WHERE (@account IS NULL OR d.account_id = @account)
       AND (d.send_task_id IS NULL OR t.state = 'undone')
     ORDER BY d.updated_at DESC, d.id DESC LIMIT 500`,
  ).all({ account: accountId ?? null }) as DraftRow[];
}

/** Drafts whose message went out (or whose task was pruned) are done with. */
export function pruneSentDrafts(db: Db): number {
  return stmt(
    db,
    `DELETE FROM drafts WHERE send_task_id IS NOT NULL AND NOT EXISTS (
       SELECT 1 FROM tasks t WHERE t.id = drafts.send_task_id
         AND t.state IN ('pending', 'running', 'failed', 'undone'))`,
  ).run().changes;
}

export function markDraftSending(db: Db, id: number, taskId: number | null): void {
  stmt(db, 'UPDATE drafts SET send_task_id = ? WHERE id = ?').run(taskId, id);
}

export function deleteDraft(db: Db, id: number): boolean {
  return stmt(db, 'DELETE FROM drafts WHERE id = ?').run(id).changes > 0;
}

export function listDraftAttachments(db: Db, draftId: number): DraftAttachmentInfo[] {
  const rows = stmt(
    db,
    'SELECT id, filename, content_type, size FROM draft_attachments WHERE draft_id = ? ORDER BY id',
  ).all(draftId) as { id: number; filename: string; content_type: string; size: number }[];
  return rows.map((r) => ({
    id: String(r.id),
    filename: r.filename,
    contentType: r.content_type,
    size: r.size,
  }));
}

export function draftAttachmentContents(db: Db, draftId: number): AttachmentContent[] {
  const rows = stmt(
    db,
    'SELECT filename, content_type, content FROM draft_attachments WHERE draft_id = ? ORDER BY id',
  ).all(draftId) as { filename: string; content_type: string; content: Buffer }[];
  return rows.map((r) => ({
    filename: r.filename,
    contentType: r.content_type,
    content: r.content,
  }));
}

export function draftAttachmentBytes(db: Db, draftId: number): number {
  const row = stmt(
    db,
    'SELECT coalesce(sum(size), 0) AS total FROM draft_attachments WHERE draft_id = ?',
  ).get(draftId) as { total: number };
  return row.total;
}

export function addDraftAttachment(
  db: Db,
  draftId: number,
  file: AttachmentContent,
): DraftAttachmentInfo {
  const row = stmt(
    db,
    `INSERT INTO draft_attachments (draft_id, filename, content_type, size, content)
     VALUES (?, ?, ?, ?, ?) RETURNING id`,
  ).get(draftId, file.filename, file.contentType, file.content.length, file.content) as {
    id: number;
  };
  return {
    id: String(row.id),
    filename: file.filename,
    contentType: file.contentType,
    size: file.content.length,
  };
}

export function removeDraftAttachment(db: Db, draftId: number, attachmentId: number): boolean {
  return (
    stmt(db, 'DELETE FROM draft_attachments WHERE id = ? AND draft_id = ?').run(
      attachmentId,
      draftId,
    ).changes > 0
  );
}
