// Threading against public ground truth, through the SQLite store (no server needed):
// - imaptest's THREAD=REFERENCES scripts (../shared/corpora/threads/imaptest): APPEND,
//   EXPUNGE and the expected thread grouping after each step;
// - a month of fedora-devel with MHonArc's thread index as ground truth.
// Messages are fed newest first, as the sync delivers them.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { insertImapAccount } from '../harness/mail-db';
import { openDatabase, type Db } from '../../electron/core/db/connection';
import { Writer } from '../../electron/core/db/deltas';
import { createSqliteMailStore } from '../../electron/core/db/mail-store-sqlite';
import type { IncomingMessage, MailStore } from '../../electron/core/mail/mail-store';
import { normalizeMessageId, parseMessageIds } from '../../electron/core/mail/message-mapper';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const THREADS = join(repoRoot, '..', 'shared', 'corpora', 'threads');

/** mbox → raw messages, with the envelope date of each "From " line. */
export function splitMbox(text: string): { raw: string; envelopeDate: string }[] {
  return text
    .split(/^From (?=\S+ +\w{3} \w{3} )/m)
    .filter((chunk) => chunk.trim())
    .map((chunk) => {
      const newline = chunk.indexOf('\n');
      const envelope = chunk.slice(0, newline).replace(/^\S+\s+/, '');
      const date = new Date(envelope);
      return {
        raw: chunk.slice(newline + 1).replace(/^>From /gm, 'From '),
        envelopeDate: Number.isNaN(date.getTime()) ? new Date(0).toISOString() : date.toISOString(),
      };
    });
}

export async function toIncoming(
  uid: number,
  raw: string,
  envelopeDate: string,
): Promise<IncomingMessage> {
  const email = await PostalMime.parse(raw);
  const date = email.date && !Number.isNaN(Date.parse(email.date)) ? email.date : envelopeDate;
  return {
    uid,
    messageId: normalizeMessageId(email.messageId),
    inReplyTo: normalizeMessageId(parseMessageIds(email.inReplyTo ?? '')[0]),
    references: parseMessageIds(email.references ?? ''),
    subject: email.subject ?? '',
    from: null,
    to: [],
    cc: [],
    date: new Date(date).toISOString(),
    flags: [],
    size: raw.length,
    snippet: '',
    bodyText: null,
  };
}

function newStore(): { db: Db; store: MailStore } {
  const db = openDatabase(':memory:');
  insertImapAccount(db, { name: 'Threads' });
  return { db, store: createSqliteMailStore(new Writer(db)) };
}

/** Groups of UIDs by thread, each sorted, the groups sorted: a comparable partition. */
function partition(db: Db): number[][] {
  const rows = db.prepare('SELECT uid, thread_id FROM messages').all() as {
    uid: number;
    thread_id: number;
  }[];
  const groups = new Map<number, number[]>();
  for (const r of rows) groups.set(r.thread_id, [...(groups.get(r.thread_id) ?? []), r.uid]);
  return normalise([...groups.values()]);
}

function normalise(groups: number[][]): number[][] {
  return groups.map((g) => [...g].sort((a, b) => a - b)).sort((a, b) => a[0]! - b[0]!);
}

/** "(3 2)(1 (4)(5))" → [[2,3],[1,4,5]]: the top-level threads of a THREAD response. */
function parseThreadResponse(text: string): number[][] {
  const groups: number[][] = [];
  let depth = 0;
  for (const token of text.match(/\(|\)|\d+/g) ?? []) {
    if (token === '(') {
      if (depth++ === 0) groups.push([]);
    } else if (token === ')') depth--;
    else groups[groups.length - 1]!.push(Number(token));
  }
  return normalise(groups);
}

const IMAPTEST = [
  'thread',
  'thread2',
  'thread3',
  'thread4',
  'thread5',
  'thread6',
  'thread7',
  'thread8',
];

describe.runIf(existsSync(THREADS))('imaptest THREAD=REFERENCES cases', () => {
  it.each(IMAPTEST)('%s', async (name) => {
    const script = readFileSync(join(THREADS, 'imaptest', name), 'utf8');
    const mbox = splitMbox(readFileSync(join(THREADS, 'imaptest', `${name}.mbox`), 'utf8'));
    const { db, store } = newStore();
    // Sequence numbers map to UIDs; UIDs are the mbox positions.
    let live: number[] = [];
    let nextUid = 1;
    const append = async (count: number) => {
      const batch: IncomingMessage[] = [];
      for (let i = 0; i < count; i++, nextUid++) {
        const m = mbox[nextUid - 1]!;
        batch.push(await toIncoming(nextUid, m.raw, m.envelopeDate));
        live.push(nextUid);
      }
      store.saveMessages('a', 'INBOX', batch.reverse(), {});
    };
    if (/^messages: all/m.test(script)) await append(mbox.length);
    let deleted: number[] = [];
    let checked = 0;
    for (const line of script.split('\n')) {
      if (/^ok append/.test(line)) await append(1);
      const store_ = /^ok store ([\d,:]+) \+flags \\deleted/i.exec(line);
      if (store_) deleted = store_[1]!.split(',').map((seq) => live[Number(seq) - 1]!);
      if (/^ok expunge/.test(line)) {
        store.removeMessages('a', 'INBOX', deleted);
        live = live.filter((uid) => !deleted.includes(uid));
      }
      const expected = /^\* thread (.*)$/i.exec(line);
      if (expected) {
        const seqGroups = parseThreadResponse(expected[1]!);
        const uidGroups = normalise(seqGroups.map((g) => g.map((seq) => live[seq - 1]!)));
        // thread: <b> names <a> and <c> while <c> names <b>, a loop. Dovecot drops the
        // <a>–<c> link when it breaks the loop; a thread here is the connected set of
        // ids, so all three stay together (reported in the issue notes).
        if (name === 'thread' && checked === 0) expect(partition(db)).toEqual([[1, 2, 3]]);
        // thread2: two identical messages with one Message-ID. Dovecot threads the second
        // as if it had no id; here it is the same message seen twice (as in two folders),
        // so it shares the thread and counts once.
        else if (name === 'thread2') {
          expect(partition(db)).toEqual([[1, 2]]);
          expect(db.prepare('SELECT message_count FROM threads').get()).toEqual({
            message_count: 1,
          });
        } else expect(partition(db)).toEqual(uidGroups);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
    db.close();
  });
});

const FEDORA = join(THREADS, 'fedora-devel-2010-01');

/** MHonArc's "by thread" index: each top-level <li> is a thread of msgNNNNN numbers. */
function mhonarcThreads(html: string): number[][] {
  const body = html.slice(html.indexOf('<HR>'));
  const groups: number[][] = [];
  let depth = 0;
  for (const token of body.match(/<ul>|<\/ul>|<UL>|<\/UL>|href="msg(\d+)\.html"/g) ?? []) {
    if (/^<ul>$/i.test(token)) depth++;
    else if (/^<\/ul>$/i.test(token)) depth--;
    else {
      const n = Number(/msg(\d+)/.exec(token)![1]);
      if (depth === 1) groups.push([n]);
      else groups[groups.length - 1]!.push(n);
    }
  }
  return normalise(groups);
}

describe.runIf(existsSync(FEDORA))('fedora-devel 2010-01 against MHonArc', () => {
  it('agrees with the archive on most threads, whatever the arrival order', async () => {
    const mbox = splitMbox(
      gunzipSync(readFileSync(join(FEDORA, '2010-January.txt.gz'))).toString('latin1'),
    );
    const truth = mhonarcThreads(
      gunzipSync(readFileSync(join(FEDORA, '2010-January_thread.html.gz'))).toString('latin1'),
    );
    // MHonArc numbers messages from 0 in archive order; UIDs here start at 1.
    const expected = normalise(truth.map((g) => g.map((n) => n + 1)));
    const messages = await Promise.all(
      mbox.map((m, i) => toIncoming(i + 1, m.raw, m.envelopeDate)),
    );

    const results: number[][][] = [];
    for (const order of ['newest first', 'oldest first']) {
      const { db, store } = newStore();
      const list = order === 'newest first' ? [...messages].reverse() : messages;
      for (let i = 0; i < list.length; i += 50)
        store.saveMessages('a', 'INBOX', list.slice(i, i + 50), {});
      results.push(partition(db));
      db.close();
    }
    expect(results[0]).toEqual(results[1]);

    const ours = new Set(results[0]!.map((g) => g.join(',')));
    const agreeing = expected.filter((g) => ours.has(g.join(',')));
    const rate = agreeing.length / expected.length;
    const disagreements = expected.filter((g) => !ours.has(g.join(',')));
    console.log(
      `fedora-devel 2010-01: ${messages.length} messages, ${expected.length} MHonArc threads, ${results[0]!.length} ours; ` +
        `${agreeing.length} identical (${(rate * 100).toFixed(1)}%)`,
    );
    for (const g of disagreements.slice(0, 20)) {
      const subjects = g.map((uid) => `${uid}:${messages[uid - 1]!.subject.slice(0, 40)}`);
      const mine = results[0]!.filter((o) => o.some((uid) => g.includes(uid)));
      console.log(
        `  MHonArc ${JSON.stringify(g)} vs ours ${JSON.stringify(mine)}  ${subjects.join(' | ')}`,
      );
    }
    expect(mbox.length).toBe(292);
    expect(rate).toBeGreaterThan(0.9);
  });
});
