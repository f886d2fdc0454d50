// Gmail's X-GM-THRID (https://developers.google.com/gmail/imap/imap-extensions): asked for
// only when the server advertises X-GM-EXT-1, mapped to gmThreadId, and used by the store
// to thread messages that share no Message-ID. Dovecot offers no X-GM-EXT-1, so the request
// and the response go through imapflow's own FETCH command and response parser here, with
// a response line shaped as Gmail documents it.
import fetchCommand from 'imapflow/lib/commands/fetch';
import { compiler, parser } from 'imapflow/lib/handler/imap-handler';
import type { FetchMessageObject, FetchQueryObject } from 'imapflow';
import { describe, expect, it } from 'vitest';
import { insertAccount } from '../db/accounts';
import { openDatabase } from '../db/connection';
import { Writer } from '../db/deltas';
import { createSqliteMailStore } from '../db/mail-store-sqlite';
import { HEADER_QUERY, headerQueryFor, toIncomingMessage } from './message-mapper';

const GMAIL_CAPABILITIES = ['IMAP4rev1', 'UNSELECT', 'IDLE', 'NAMESPACE', 'X-GM-EXT-1', 'UIDPLUS'];
const DOVECOT_CAPABILITIES = [
  'IMAP4rev1',
  'IDLE',
  'CONDSTORE',
  'QRESYNC',
  'MOVE',
  'THREAD=REFERENCES',
];

const envelope = (subject: string, messageId: string) =>
  `ENVELOPE ("Tue, 2 Jun 2026 10:00:00 +0000" "${subject}" (("Ann" NIL "ann" "gmail.com")) ` +
  `(("Ann" NIL "ann" "gmail.com")) (("Ann" NIL "ann" "gmail.com")) ((NIL NIL "bob" "gmail.com")) ` +
  `NIL NIL NIL "${messageId}")`;

/** A Gmail answer to our header FETCH for one message. */
const gmailRow = (uid: number, thrid: string, subject: string, messageId: string) =>
  `* ${uid} FETCH (UID ${uid} X-GM-THRID ${thrid} X-GM-MSGID 1278455344230334${uid}00 ` +
  `FLAGS () INTERNALDATE "02-Jun-2026 10:00:00 +0000" RFC822.SIZE 2048 ${envelope(subject, messageId)})`;

/**
 * Runs imapflow's FETCH command against a session that advertises `capabilities` and answers
 * with `lines`: returns the command as it would go on the wire and the rows imapflow hands us.
 */
async function exchange(capabilities: string[], query: FetchQueryObject, lines: string[]) {
  let sent = '';
  const connection = {
    state: 3,
    states: { SELECTED: 3 },
    mailbox: { path: 'INBOX', exists: lines.length },
    capabilities: new Map(capabilities.map((c) => [c, true])),
    enabled: new Set<string>(),
    log: { warn: () => undefined, debug: () => undefined, trace: () => undefined },
    async exec(
      command: string,
      attributes: Parameters<typeof compiler>[0]['attributes'],
      options: { untagged: { FETCH: (untagged: unknown) => Promise<void> } },
    ) {
      sent = compiler({ tag: 'A1', command, attributes }).toString();
      for (const line of lines) await options.untagged.FETCH(await parser(Buffer.from(line)));
      return { next: () => undefined };
    },
  };
  const result = (await fetchCommand(connection as never, '1:*', query, { uid: true })) as {
    list: FetchMessageObject[];
  };
  return { sent, rows: result.list };
}

describe('X-GM-THRID', () => {
  it('is asked for only when the server advertises X-GM-EXT-1', async () => {
    const gmail = headerQueryFor(new Set(GMAIL_CAPABILITIES));
    const dovecot = headerQueryFor(new Set(DOVECOT_CAPABILITIES));
    expect(dovecot).toBe(HEADER_QUERY);
    expect((await exchange(GMAIL_CAPABILITIES, gmail, [])).sent).toMatch(/\bX-GM-THRID\b/);
    expect((await exchange(DOVECOT_CAPABILITIES, dovecot, [])).sent).not.toMatch(/X-GM-THRID/);
  });

  it('maps Gmail’s thread id to gmThreadId, and nothing when absent', async () => {
    const { rows } = await exchange(
      GMAIL_CAPABILITIES,
      headerQueryFor(new Set(GMAIL_CAPABILITIES)),
      [gmailRow(7, '1278455344230334865', 'Lunch?', '<a1@mail.gmail.com>')],
    );
    expect(toIncomingMessage(rows[0]!)).toMatchObject({
      uid: 7,
      subject: 'Lunch?',
      messageId: '<a1@mail.gmail.com>',
      gmThreadId: '1278455344230334865',
    });
    const plain = toIncomingMessage({ ...rows[0]!, threadId: undefined });
    expect(plain.gmThreadId).toBeUndefined();
  });

  it('threads messages that share nothing but Gmail’s thread id', async () => {
    const db = openDatabase(':memory:');
    insertAccount(db, {
      id: 'g',
      name: 'Gmail',
      kind: 'imap',
      imap: { host: 'h', port: 1, tls: 'tls', user: 'u' },
      createdAt: '',
    });
    const store = createSqliteMailStore(new Writer(db));
    // No References/In-Reply-To and unrelated subjects: only Gmail knows they belong together.
    const { rows } = await exchange(
      GMAIL_CAPABILITIES,
      headerQueryFor(new Set(GMAIL_CAPABILITIES)),
      [
        gmailRow(1, '1500000000000000001', 'Budget 2027', '<x1@mail.gmail.com>'),
        gmailRow(2, '1500000000000000001', 'Numbers attached', '<x2@mail.gmail.com>'),
        gmailRow(3, '1500000000000000002', 'Numbers attached again', '<x3@mail.gmail.com>'),
      ],
    );
    store.saveMessages('g', 'INBOX', rows.map(toIncomingMessage), { lastSeenUid: 3 });
    const threadOf = db.prepare('SELECT uid, thread_id FROM messages ORDER BY uid').all() as {
      uid: number;
      thread_id: number;
    }[];
    expect(threadOf[0]!.thread_id).toBe(threadOf[1]!.thread_id);
    expect(threadOf[2]!.thread_id).not.toBe(threadOf[0]!.thread_id);
    db.close();
  });
});
