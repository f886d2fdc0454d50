// Mail as a notification source: the messages a commit inserted, as neutral items.
import type { Delta } from '../../../shared/contract';
import type { Address } from '../../../shared/domain';
import type { Db } from '../db/connection';
import { stmt } from '../db/statements';
import type { IncomingItem } from './incoming-item';
import { readLocale } from './notify-store';
import { notifyTexts, type NotifyTexts } from './notify-texts';

/** A source turns committed deltas into items; RSE adds one beside this. */
export interface NotifySource {
  itemsFor(deltas: Delta[]): IncomingItem[];
}

interface Row {
  id: number;
  account_id: string;
  account_name: string;
  path: string;
  message_id: string | null;
  subject: string;
  from_json: string | null;
  flags: string;
  seen: number;
  thread_id: number | null;
}

// RFC 6154 has \Junk as a folder attribute and many servers and clients set a $Junk (or
// Junk) keyword on the message; either way it is not news.
const JUNK_FLAGS = new Set(['$junk', 'junk']);
const JUNK_FOLDER = /(^|[./])(junk|spam)$/i;
const CHUNK = 500;

export function mailSource(db: Db): NotifySource {
  return {
    itemsFor(deltas) {
      const ids = deltas
        .filter((d) => d.table === 'messages' && d.op === 'insert')
        .flatMap((d) => d.ids.map(Number));
      const items: IncomingItem[] = [];
      if (ids.length === 0) return items;
      const texts = notifyTexts(readLocale(db));
      for (let i = 0; i < ids.length; i += CHUNK) {
        const chunk = ids.slice(i, i + CHUNK);
        const rows = stmt(
          db,
          `SELECT m.id, m.account_id, a.name AS account_name, mb.path, m.message_id, m.subject,
                  m.from_json, m.flags, m.seen, m.thread_id
             FROM messages m
             JOIN mailboxes mb ON mb.id = m.mailbox_id
             JOIN accounts a ON a.id = m.account_id
            WHERE m.id IN (SELECT value FROM json_each(?))
            ORDER BY m.date, m.id`,
        ).all(JSON.stringify(chunk)) as Row[];
        items.push(...rows.map((row) => rowToItem(row, texts)));
      }
      return items;
    },
  };
}

export function rowToItem(row: Row, texts: NotifyTexts = notifyTexts('en')): IncomingItem {
  const from = row.from_json ? (JSON.parse(row.from_json) as Address) : null;
  const flags = (JSON.parse(row.flags) as string[]).map((f) => f.toLowerCase());
  return {
    // The Message-ID survives a re-download (UIDVALIDITY change), the row id does not.
    key: `mail:${row.account_id}:${row.message_id ?? `row:${row.id}`}`,
    itemId: row.thread_id === null ? `mail-message:${row.id}` : `mail-thread:${row.thread_id}`,
    kind: 'mail',
    accountId: row.account_id,
    sourceId: row.account_id,
    sourceName: row.account_name,
    threadKey: row.thread_id === null ? null : `mail:${row.thread_id}`,
    ...(row.thread_id === null ? {} : { threadId: String(row.thread_id) }),
    relevance: row.path.toUpperCase() === 'INBOX' ? 'inbox' : 'other',
    mentionsMe: false,
    unread: row.seen === 0,
    junk: flags.some((f) => JUNK_FLAGS.has(f)) || JUNK_FOLDER.test(row.path),
    title: from ? from.name || from.address : texts.unknownSender,
    body: row.subject || texts.noSubject,
  };
}
