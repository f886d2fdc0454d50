// RSE search (issue 3): 20,000 items, posts with four comments each, bodies drawn from the
// same Zipf-like vocabulary as bench/search.ts, so shapes cover a word in most items and
// one in a handful. Prints p50/p95 per shape, page one and a page deep in the results.
import { performance } from 'node:perf_hooks';
import type { SearchResult } from '../shared/requests/search';
import { parseSearchQuery } from '../shared/search-query';
import { insertAccount } from '../electron/core/db/accounts';
import { openDatabase, type Db } from '../electron/core/db/connection';
import { Writer } from '../electron/core/db/deltas';
import { applyActivity } from '../electron/core/db/rse-items';
import { searchRse } from '../electron/core/db/rse-search';
import { replaceSpaces } from '../electron/core/db/rse-spaces';
import type { SearchOptions } from '../electron/core/db/search';
import type { RemoteItem } from '../electron/core/rse/connector';

const VOCABULARY = 20_000;
const BODY_WORDS = 40;
const COMMENTS = 4;

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const word = (rank: number) => `w${rank.toString(36)}`;

/** An in-memory database holding `items` RSE items (posts and their comments). */
export function buildRseSearchDb(items = Number(process.env.BENCH_RSE_ITEMS ?? 20_000)): Db {
  const db = openDatabase(':memory:');
  insertAccount(db, {
    id: 'w',
    name: 'Intranet',
    kind: 'wordpress',
    rse: { url: 'x' },
    createdAt: '',
  });
  const writer = new Writer(db);
  writer.write((deltas) =>
    replaceSpaces(
      db,
      'w',
      Array.from({ length: 20 }, (_, i) => ({ remoteId: `s${i}`, name: `Space ${i}` })),
      deltas,
    ),
  );
  const next = random(7);
  const zipf = () => Math.floor(Math.pow(VOCABULARY, next()));
  const body = () => `<p>${Array.from({ length: BODY_WORDS }, () => word(zipf())).join(' ')}</p>`;
  const at = (n: number) => new Date(Date.UTC(2024, 0, 1) + n * 600_000).toISOString();
  const posts = Math.ceil(items / (1 + COMMENTS));
  for (let start = 0; start < posts; start += 200) {
    const batch: RemoteItem[] = [];
    for (let p = start; p < Math.min(posts, start + 200); p++) {
      const base = {
        parentRemoteId: null,
        editedAt: null,
        permalink: null,
        mentionsMe: false,
      };
      batch.push({
        ...base,
        kind: 'post',
        remoteId: `p${p}`,
        spaceRemoteId: `s${p % 20}`,
        postRemoteId: null,
        author: { name: `Author ${p % 53}` },
        title: `${word(zipf())} ${word(zipf())} update ${p % 97}`,
        bodyHtml: body(),
        createdAt: at(p * 10),
      });
      for (let c = 0; c < COMMENTS; c++) {
        // Comments land over the following days, interleaved with later posts.
        batch.push({
          ...base,
          kind: 'comment',
          remoteId: `c${p}-${c}`,
          spaceRemoteId: null,
          postRemoteId: `p${p}`,
          author: { name: `Author ${(p + c) % 53}` },
          title: null,
          bodyHtml: body(),
          createdAt: at(p * 10 + 1 + Math.floor(next() * 300)),
        });
      }
    }
    writer.write((deltas) => applyActivity(db, 'w', { items: batch, deleted: [] }, deltas));
  }
  return db;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const RSE_SHAPES: [string, string][] = [
  ['common word', word(1)],
  ['common word 2', word(2)],
  ['mid word', word(40)],
  ['rare word', word(15_000)],
  ['two words', `${word(2)} ${word(30)}`],
  ['phrase', `"${word(1)} ${word(2)}"`],
  ['from: + word', `from:"Author 7" ${word(3)}`],
  ['is:unread + word', `is:unread ${word(1)}`],
  ['in: space', `in:"Space 3" ${word(1)}`],
  ['negation', `${word(3)} -${word(1)}`],
  ['filters only', 'source:rse is:unread'],
];

type Search = (db: Db, q: ReturnType<typeof parseSearchQuery>, o: SearchOptions) => SearchResult;

/** p50/p95 of page one and of page 5 (four cursors down) for each shape. */
export function timeRseShapes(db: Db, search: Search = searchRse, runs = 40) {
  const out: {
    name: string;
    query: string;
    p50: number;
    p95: number;
    deep95: number;
    n: number;
  }[] = [];
  for (const [name, query] of RSE_SHAPES) {
    const parsed = parseSearchQuery(query);
    const samples: number[] = [];
    const deep: number[] = [];
    let n = 0;
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      let page = search(db, parsed, { limit: 50 });
      samples.push(performance.now() - t);
      n = page.items.length;
      t = performance.now();
      for (let k = 0; k < 4 && page.next; k++)
        page = search(db, parsed, { limit: 50, before: page.next });
      deep.push((performance.now() - t) / 4);
    }
    samples.sort((a, b) => a - b);
    deep.sort((a, b) => a - b);
    out.push({
      name,
      query,
      p50: percentile(samples, 50),
      p95: percentile(samples, 95),
      deep95: percentile(deep, 95),
      n,
    });
  }
  return out;
}

export function benchRseSearch(): void {
  const start = performance.now();
  const db = buildRseSearchDb();
  const count = (db.prepare('SELECT count(*) AS n FROM rse_items').get() as { n: number }).n;
  console.log(
    `RSE search: ${count.toLocaleString()} items (posts with ${COMMENTS} comments) built in ${((performance.now() - start) / 1000).toFixed(1)} s`,
  );
  for (const r of timeRseShapes(db)) {
    console.log(
      `  ${r.name.padEnd(17)} p50 ${r.p50.toFixed(2).padStart(6)} ms  p95 ${r.p95.toFixed(2).padStart(6)} ms  page 2-5 p95 ${r.deep95.toFixed(2).padStart(6)} ms  (${r.n} shown)  ${r.query}`,
    );
  }
  db.close();
}

// Run directly: `tsx bench/rse-search.ts`.
if (process.argv[1]?.endsWith('rse-search.ts')) benchRseSearch();
