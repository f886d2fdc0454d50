// `npm run bench`: prints figures and ratios against a baseline measured in the same
// process. No assertions: numbers are for people and for the issue notes.
// BENCH_ONLY=imap (Dovecot sync only), store, or ui (the timeline in Chromium, 1,000 and
// 100,000 items; needs `npm run build`); BENCH_MESSAGES sets N for store and imap.
import { performance } from 'node:perf_hooks';
import { insertImapAccount } from '../test/harness/mail-db';
import { openDatabase } from '../electron/core/db/connection';
import { Writer } from '../electron/core/db/deltas';
import { createSqliteMailStore } from '../electron/core/db/mail-store-sqlite';
import { timelinePage } from '../electron/core/db/timeline';
import type { IncomingMessage } from '../electron/core/mail/mail-store';
import { benchRseSearch } from './rse-search';
import { benchSearch } from './search';
import { benchImapSync } from './imap-sync';
import { benchTimelineUi } from './timeline-ui';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 100_000);
const BATCH = 500;
let peakRss = 0;
const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));

function fakeMessage(uid: number): IncomingMessage {
  // Every fifth message replies to the one before it, so threading does real work.
  const isReply = uid % 5 !== 0 && uid > 1;
  return {
    uid,
    messageId: `<m${uid}@bench.test>`,
    inReplyTo: isReply ? `<m${uid - 1}@bench.test>` : null,
    references: isReply ? [`<m${uid - 1}@bench.test>`] : [],
    subject: `Subject number ${uid % 997}`,
    from: { name: `Sender ${uid % 101}`, address: `s${uid % 101}@bench.test` },
    to: [{ address: 'me@bench.test' }],
    cc: [],
    date: new Date(Date.UTC(2026, 0, 1) + uid * 60_000).toISOString(),
    flags: uid % 3 === 0 ? ['\\Seen'] : [],
    size: 2048,
    snippet: 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.',
    bodyText: null,
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function time(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

function benchIngest() {
  const messages = Array.from({ length: MESSAGES }, (_, i) => fakeMessage(i + 1));

  // Baseline: the same rows into a bare table, same batch transactions, no threading.
  const bare = openDatabase(':memory:', []);
  bare.exec(
    'CREATE TABLE m (uid INTEGER, message_id TEXT, subject TEXT, from_json TEXT, date TEXT, flags TEXT, snippet TEXT) STRICT',
  );
  const insert = bare.prepare('INSERT INTO m VALUES (?, ?, ?, ?, ?, ?, ?)');
  const baselineMs = time(() => {
    for (let i = 0; i < messages.length; i += BATCH) {
      bare.transaction(() => {
        for (const m of messages.slice(i, i + BATCH)) {
          insert.run(
            m.uid,
            m.messageId,
            m.subject,
            JSON.stringify(m.from),
            m.date,
            JSON.stringify(m.flags),
            m.snippet,
          );
        }
      })();
    }
  });
  bare.close();

  const db = openDatabase(':memory:');
  insertImapAccount(db, { name: 'Bench' });
  const store = createSqliteMailStore(new Writer(db));
  const storeMs = time(() => {
    for (let i = 0; i < messages.length; i += BATCH) {
      store.saveMessages('a', 'INBOX', messages.slice(i, i + BATCH), {});
      sampleRss();
    }
  });
  const rate = (ms: number) => Math.round(MESSAGES / (ms / 1000));
  console.log(`store ingest, ${MESSAGES} messages in batches of ${BATCH}:`);
  console.log(
    `  bare INSERT baseline   ${rate(baselineMs).toLocaleString()} msg/s (${baselineMs.toFixed(0)} ms)`,
  );
  console.log(
    `  MailStore.saveMessages ${rate(storeMs).toLocaleString()} msg/s (${storeMs.toFixed(0)} ms), ratio ${(storeMs / baselineMs).toFixed(2)}x`,
  );
  return db;
}

function benchTimeline(db: ReturnType<typeof openDatabase>) {
  const threads = (db.prepare('SELECT count(*) AS n FROM threads').get() as { n: number }).n;
  const pageSize = 100;
  const bareQuery = db.prepare(
    'SELECT id, subject, latest_date FROM threads ORDER BY latest_date DESC, id DESC LIMIT ?',
  );
  const samples = { first: [] as number[], deep: [] as number[], baseline: [] as number[] };
  // A cursor halfway down the timeline: keyset paging must cost the same as page one.
  const middle = db
    .prepare(
      'SELECT id, latest_date FROM threads ORDER BY latest_date DESC, id DESC LIMIT 1 OFFSET ?',
    )
    .get(Math.floor(threads / 2)) as { id: number; latest_date: string };
  for (let i = 0; i < 200; i++) {
    samples.baseline.push(time(() => bareQuery.all(pageSize)));
    samples.first.push(time(() => timelinePage(db, { limit: pageSize, unreadOnly: false })));
    samples.deep.push(
      time(() =>
        timelinePage(db, {
          limit: pageSize,
          unreadOnly: false,
          before: { date: middle.latest_date, id: String(middle.id) },
        }),
      ),
    );
  }
  for (const list of Object.values(samples)) list.sort((a, b) => a - b);
  const base = percentile(samples.baseline, 50);
  console.log(`timeline page of ${pageSize} over ${threads.toLocaleString()} threads (200 runs):`);
  for (const [name, list] of Object.entries(samples)) {
    console.log(
      `  ${name.padEnd(9)} p50 ${percentile(list, 50).toFixed(3)} ms  p95 ${percentile(list, 95).toFixed(3)} ms  ratio to bare query ${(percentile(list, 50) / base).toFixed(2)}x`,
    );
  }
}

// BENCH_ONLY=store|imap|ui runs one part: the in-process store figures, the Dovecot sync,
// or the timeline in Chromium.
const only = process.env.BENCH_ONLY;
if (!only || only === 'store') {
  const db = benchIngest();
  benchTimeline(db);
  benchSearch();
  benchRseSearch();
  sampleRss();
  console.log(`peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MiB`);
  db.close();
}
// The async parts, one after the other, after the store figures above: IMAP sync against
// a local Dovecot, then the timeline in Chromium over browser mode.
async function benchAsync(): Promise<void> {
  if (!only || only === 'imap') await benchImapSync();
  if (!only || only === 'ui') await benchTimelineUi();
}
benchAsync().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
