// The messages table: one row per (mailbox, UID), mapped to and from the domain types.
import type { Address, MessageDetail, MessageSummary } from '../../../shared/domain';
import type { IncomingMessage } from '../mail/mail-store';
import { hasFileAttachments } from './attachments';
import type { Db } from './connection';
import { stmt } from './statements';

export interface MessageRow {
  id: number;
  account_id: string;
  mailbox_id: number;
  uid: number;
  message_id: string | null;
  in_reply_to: string | null;
  refs: string;
  subject: string;
  from_json: string | null;
  to_json: string;
  cc_json: string;
  date: string;
  flags: string;
  seen: number;
  flagged: number;
  size: number;
  snippet: string;
  body_text: string | null;
  /** Since migration 2. */
  body_html?: string | null;
  parse_error?: string | null;
  thread_id: number | null;
  /** Joined from mailboxes. */
  path?: string;
}

export function parseAddress(json: string | null): Address | null {
  return json ? (JSON.parse(json) as Address) : null;
}

export function rowToSummary(row: MessageRow & { path: string }): MessageSummary {
  return {
    id: String(row.id),
    accountId: row.account_id,
    mailbox: row.path,
    uid: row.uid,
    messageId: row.message_id,
    subject: row.subject,
    from: parseAddress(row.from_json),
    to: JSON.parse(row.to_json) as Address[],
    date: row.date,
    unread: row.seen === 0,
    flagged: row.flagged === 1,
    snippet: row.snippet,
  };
}

export function rowToDetail(row: MessageRow & { path: string }): MessageDetail {
  return {
    ...rowToSummary(row),
    text: row.body_text,
    html: row.body_html ?? null,
    parseError: row.parse_error ?? null,
  };
}

// toISOString's own form, on a day every month has: Date.parse and toISOString give it
// back unchanged (a 30th of February would roll over to March, hence days up to 28
// only). The mail mappers write dates this way, so parsing is skipped for nearly every
// message: two Date round trips per stored header were ~5 % of storing it.
const NORMAL_DATE =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

/** A sortable ISO date; a message with an unreadable date sorts as the epoch rather than being lost. */
export function normaliseDate(value: string): string {
  if (NORMAL_DATE.test(value)) return value;
  const time = Date.parse(value);
  return new Date(Number.isNaN(time) ? 0 : time).toISOString();
}

export function hasFlag(flags: string[], flag: string): boolean {
  const wanted = flag.toLowerCase();
  return flags.some((f) => f.toLowerCase() === wanted);
}

export interface ExistingMessage {
  id: number;
  thread_id: number | null;
}

export function findMessage(db: Db, mailboxId: number, uid: number): ExistingMessage | null {
  return (
    (stmt(db, 'SELECT id, thread_id FROM messages WHERE mailbox_id = ? AND uid = ?').get(
      mailboxId,
      uid,
    ) as ExistingMessage | undefined) ?? null
  );
}

/** Which of these UIDs the mailbox holds: one query for a whole sync batch. */
export function storedUids(db: Db, mailboxId: number, uids: number[]): Set<number> {
  const rows = stmt(
    db,
    'SELECT uid FROM messages WHERE mailbox_id = ? AND uid IN (SELECT value FROM json_each(?))',
  ).all(mailboxId, JSON.stringify(uids)) as { uid: number }[];
  return new Set(rows.map((r) => r.uid));
}

/** JSON of a list; most lists of a header (references of an original, cc, flags) are empty. */
const jsonList = (list: unknown[]) => (list.length ? JSON.stringify(list) : '[]');

// Positional parameters, one JSON.stringify per field: this runs once per synced header.
function rowValues(accountId: string, mailboxId: number, message: IncomingMessage) {
  return [
    accountId,
    mailboxId,
    message.uid,
    message.messageId,
    message.inReplyTo,
    jsonList(message.references),
    message.subject,
    message.from ? JSON.stringify(message.from) : null,
    jsonList(message.to),
    jsonList(message.cc),
    normaliseDate(message.date),
    jsonList(message.flags),
    hasFlag(message.flags, '\\Seen') ? 1 : 0,
    hasFlag(message.flags, '\\Flagged') ? 1 : 0,
    message.size,
    message.snippet,
    message.bodyText,
  ] as const;
}

/**
 * Stores a new message already placed in its thread; returns its row id. A body parsed
 * with the header (message.bodyExtras) goes into the same row: one write, not an insert
 * and then an update.
 */
export function insertMessage(
  db: Db,
  accountId: string,
  mailboxId: number,
  message: IncomingMessage,
  threadId: number,
): number {
  const extras = message.bodyExtras;
  const result = stmt(
    db,
    `INSERT INTO messages (account_id, mailbox_id, uid, message_id, in_reply_to, refs, subject,
         from_json, to_json, cc_json, date, flags, seen, flagged, size, snippet, body_text, thread_id,
         body_html, parse_error, has_attachments)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    ...rowValues(accountId, mailboxId, message),
    threadId,
    extras?.html ?? null,
    extras?.parseError ?? null,
    extras && hasFileAttachments(extras.attachments) ? 1 : 0,
  );
  return Number(result.lastInsertRowid);
}

/** A replayed batch: refresh what the server says, but keep a body we already fetched. */
export function updateMessage(
  db: Db,
  accountId: string,
  mailboxId: number,
  message: IncomingMessage,
  id: number,
): void {
  const [, , , ...values] = rowValues(accountId, mailboxId, message);
  const snippet = message.snippet;
  // better-sqlite3 binds numbered parameters (?13) by name only, so the snippet goes twice.
  stmt(
    db,
    `UPDATE messages SET message_id = ?, in_reply_to = ?, refs = ?, subject = ?, from_json = ?,
       to_json = ?, cc_json = ?, date = ?, flags = ?, seen = ?, flagged = ?, size = ?,
       snippet = CASE WHEN ? = '' THEN snippet ELSE ? END, body_text = coalesce(?, body_text)
     WHERE id = ?`,
  ).run(...values.slice(0, 12), snippet, snippet, message.bodyText, id);
}

export function setMessageThread(db: Db, messageId: number, threadId: number): void {
  stmt(db, 'UPDATE messages SET thread_id = ? WHERE id = ?').run(threadId, messageId);
}

const MESSAGE_WITH_PATH = `SELECT m.*, mb.path FROM messages m JOIN mailboxes mb ON mb.id = m.mailbox_id`;

export function listThreadMessages(db: Db, threadId: number): (MessageRow & { path: string })[] {
  return stmt(db, `${MESSAGE_WITH_PATH} WHERE m.thread_id = ? ORDER BY m.date, m.id`).all(
    threadId,
  ) as (MessageRow & { path: string })[];
}

export function getMessageByUid(
  db: Db,
  mailboxId: number,
  uid: number,
): { id: number; thread_id: number | null; flags: string } | null {
  return (
    (stmt(db, 'SELECT id, thread_id, flags FROM messages WHERE mailbox_id = ? AND uid = ?').get(
      mailboxId,
      uid,
    ) as { id: number; thread_id: number | null; flags: string } | undefined) ?? null
  );
}

export function setMessageFlags(db: Db, id: number, flags: string[]): void {
  stmt(db, 'UPDATE messages SET flags = ?, seen = ?, flagged = ? WHERE id = ?').run(
    JSON.stringify(flags),
    hasFlag(flags, '\\Seen') ? 1 : 0,
    hasFlag(flags, '\\Flagged') ? 1 : 0,
    id,
  );
}
