// thread_links as seen by one batch of messages, read in one pass instead of one lookup
// per message: a sync batch of 1,000 headers names ~3,000 Message-IDs, and a query per
// message was the largest part of storing a header (issue 3 profile). The view is exact
// for every id the batch names: links the batch adds and threads it merges are applied
// here as they are written (assignThread), so each message sees what the table holds.
import type { Db } from './connection';
import { stmt } from './statements';

/** Ids bound per lookup; a short last chunk is padded with NULL, which matches nothing. */
const CHUNK = 200;
const LOOKUP = `SELECT message_id, thread_id FROM thread_links
  WHERE account_id = ? AND message_id IN (${Array(CHUNK).fill('?').join(',')})`;

export class BatchThreadLinks {
  private readonly threadOf = new Map<string, number>();

  constructor(db: Db, accountId: string, ids: Iterable<string>) {
    const wanted = [...new Set(ids)];
    const lookup = stmt(db, LOOKUP);
    for (let i = 0; i < wanted.length; i += CHUNK) {
      const chunk: (string | null)[] = wanted.slice(i, i + CHUNK);
      while (chunk.length < CHUNK) chunk.push(null);
      for (const row of lookup.all(accountId, ...chunk) as LinkRow[]) {
        this.threadOf.set(row.message_id, row.thread_id);
      }
    }
  }

  /** The distinct threads the ids are linked to, lowest id first (as ORDER BY thread_id). */
  threadsOf(ids: string[]): number[] {
    const found = new Set<number>();
    for (const id of ids) {
      const thread = this.threadOf.get(id);
      if (thread !== undefined) found.add(thread);
    }
    return [...found].sort((a, b) => a - b);
  }

  has(id: string): boolean {
    return this.threadOf.has(id);
  }

  linked(id: string, threadId: number): void {
    this.threadOf.set(id, threadId);
  }

  /** A merge moved every link of `from` to `into`. */
  merged(from: number, into: number): void {
    for (const [id, thread] of this.threadOf) if (thread === from) this.threadOf.set(id, into);
  }
}

interface LinkRow {
  message_id: string;
  thread_id: number;
}
