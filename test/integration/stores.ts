// The two MailStores the sync is tested through: the Map-based one here and the lead's SQLite one.
import { insertImapAccount } from '../harness/mail-db';
import { openDatabase } from '../../electron/core/db/connection';
import { Writer } from '../../electron/core/db/deltas';
import { createSqliteMailStore } from '../../electron/core/db/mail-store-sqlite';
import type { MailStore } from '../../electron/core/mail/mail-store';
import { MemoryMailStore } from './memory-mail-store';

export const ACCOUNT = 'acc-1';

export interface StoredView {
  uid: number;
  messageId: string | null;
  subject: string;
  flags: string[];
  snippet: string;
  bodyText: string | null;
  references: string[];
  inReplyTo: string | null;
  from: string | null;
}

export interface StoreFixture {
  store: MailStore;
  /** What the store holds for one mailbox, by UID. */
  view(path?: string): StoredView[];
  close(): void;
}

function memoryFixture(): StoreFixture {
  const store = new MemoryMailStore();
  return {
    store,
    view: (path = 'INBOX') =>
      store.messages(ACCOUNT, path).map((m) => ({
        uid: m.uid,
        messageId: m.messageId,
        subject: m.subject,
        flags: [...m.flags].sort(),
        snippet: m.snippet,
        bodyText: m.bodyText,
        references: m.references,
        inReplyTo: m.inReplyTo,
        from: m.from?.address ?? null,
      })),
    close: () => undefined,
  };
}

interface Row {
  uid: number;
  message_id: string | null;
  subject: string;
  flags: string;
  snippet: string;
  body_text: string | null;
  refs: string;
  in_reply_to: string | null;
  from_json: string | null;
}

function sqliteFixture(): StoreFixture {
  const db = openDatabase(':memory:');
  insertImapAccount(db, { id: ACCOUNT });
  const store = createSqliteMailStore(new Writer(db));
  return {
    store,
    view: (path = 'INBOX') =>
      (
        db
          .prepare(
            `SELECT m.* FROM messages m JOIN mailboxes b ON b.id = m.mailbox_id
             WHERE b.account_id = ? AND b.path = ? ORDER BY m.uid`,
          )
          .all(ACCOUNT, path) as Row[]
      ).map((r) => ({
        uid: r.uid,
        messageId: r.message_id,
        subject: r.subject,
        flags: (JSON.parse(r.flags) as string[]).sort(),
        snippet: r.snippet,
        bodyText: r.body_text,
        references: JSON.parse(r.refs) as string[],
        inReplyTo: r.in_reply_to,
        from: r.from_json ? (JSON.parse(r.from_json) as { address: string }).address : null,
      })),
    close: () => db.close(),
  };
}

export const STORE_KINDS: [string, () => StoreFixture][] = [
  ['memory store', memoryFixture],
  ['sqlite store', sqliteFixture],
];
