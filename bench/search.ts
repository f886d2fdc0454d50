// Search over a realistic mailbox: 100,000 messages with bodies drawn from a Zipf-like
// vocabulary (a few very common words, a long tail of rare ones), so query shapes cover
// both a term in half the mailbox and one in a handful of messages. Prints p50/p95 per
// shape; the goal in issue 3 is p95 under 50 ms.
import { performance } from 'node:perf_hooks';
import { parseSearchQuery } from '../shared/search-query';
import { insertImapAccount } from '../test/harness/mail-db';
import { openDatabase } from '../electron/core/db/connection';
import { Writer } from '../electron/core/db/deltas';
import { createSqliteMailStore } from '../electron/core/db/mail-store-sqlite';
import { ftsExpressions, searchMessages } from '../electron/core/db/search';
import type { IncomingMessage } from '../electron/core/mail/mail-store';

const VOCABULARY = 20_000;
const BODY_WORDS = 60;

/** A deterministic generator, so runs are comparable. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function word(rank: number): string {
  return `w${rank.toString(36)}`;
}

function fakeMessage(uid: number, next: () => number): IncomingMessage {
  // Zipf-like: rank = VOCABULARY^u, so rank 1 is very common and rank 20,000 rare.
  const zipf = () => Math.floor(Math.pow(VOCABULARY, next()));
  const body = Array.from({ length: BODY_WORDS }, () => word(zipf())).join(' ');
  const isReply = uid % 4 !== 0;
  return {
    uid,
    messageId: `<m${uid}@bench.test>`,
    inReplyTo: isReply ? `<m${uid - 1}@bench.test>` : null,
    references: isReply ? [`<m${uid - 1}@bench.test>`] : [],
    subject: `${isReply ? 'Re: ' : ''}${word(zipf())} ${word(zipf())} report ${uid % 997}`,
    from: { name: `Sender ${uid % 211}`, address: `sender${uid % 211}@bench.test` },
    to: [{ name: 'Me', address: 'me@bench.test' }],
    cc: uid % 7 === 0 ? [{ address: `cc${uid % 13}@bench.test` }] : [],
    date: new Date(Date.UTC(2024, 0, 1) + uid * 600_000).toISOString(),
    flags: uid % 3 === 0 ? [] : ['\\Seen'],
    size: 4096,
    snippet: body.slice(0, 120),
    bodyText: body,
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function benchSearch(messages = Number(process.env.BENCH_SEARCH_MESSAGES ?? 100_000)) {
  const db = openDatabase(':memory:');
  insertImapAccount(db, { name: 'Bench' });
  const store = createSqliteMailStore(new Writer(db));
  const next = random(42);
  const start = performance.now();
  for (let i = 0; i < messages; i += 500) {
    const batch = Array.from({ length: Math.min(500, messages - i) }, (_, k) =>
      fakeMessage(i + k + 1, next),
    );
    store.saveMessages('a', i % 5000 === 0 ? 'Archive' : 'INBOX', batch, {});
  }
  const ingestMs = performance.now() - start;
  console.log(
    `search: ${messages.toLocaleString()} messages with ${BODY_WORDS}-word bodies indexed at ${Math.round(messages / (ingestMs / 1000)).toLocaleString()} msg/s`,
  );

  const shapes: [string, string][] = [
    ['common word', word(1)],
    ['mid word', word(40)],
    ['rare word', word(15_000)],
    ['two words', `${word(2)} ${word(30)}`],
    ['phrase', `"${word(1)} ${word(2)}"`],
    ['prefix', 'w1a*'],
    ['from:', 'from:sender17@bench.test'],
    ['from: + word', `from:sender17 ${word(3)}`],
    ['subject:', 'subject:report'],
    ['is:unread + word', `is:unread ${word(5)}`],
    ['in: + after:', 'in:archive after:2024-06-01'],
    ['negation', `${word(3)} -${word(1)}`],
    ['filters only', 'is:unread'],
  ];
  const runs = 60;
  for (const [name, query] of shapes) {
    const parsed = parseSearchQuery(query);
    const samples: number[] = [];
    let count = 0;
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      count = searchMessages(db, parsed, { limit: 50 }).items.length;
      samples.push(performance.now() - t);
    }
    samples.sort((a, b) => a - b);
    const { must } = ftsExpressions(parsed);
    const matches = must
      ? (
          db
            .prepare('SELECT count(*) AS n FROM messages_fts WHERE messages_fts MATCH ?')
            .get(must) as { n: number }
        ).n
      : '-';
    console.log(
      `  ${name.padEnd(17)} p50 ${percentile(samples, 50).toFixed(2).padStart(6)} ms  p95 ${percentile(samples, 95).toFixed(2).padStart(6)} ms  (${count} shown, ${matches} match the words)  ${query}`,
    );
  }
  db.close();
}

// Run directly: `tsx bench/search.ts`.
if (process.argv[1]?.endsWith('search.ts')) benchSearch();
