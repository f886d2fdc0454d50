// Bodies in the background: after the headers of every synced folder are stored, the
// sources of messages still without a body are fetched in small batches, newest first.
// Concurrency is bounded to two stages: while one batch is parsed and stored, the next
// one is already on the wire (one IMAP connection runs one command at a time anyway).
import type { FetchMessageObject, ImapFlow } from 'imapflow';
import { extractBodyText } from './body-text';
import type { MailStore } from './mail-store';

export interface BodySyncOptions {
  /** Messages per body FETCH. */
  bodyBatch?: number;
  /** Upper bound of bodies fetched in one call; the rest come later. Infinity for a full catch-up. */
  maxBodies?: number;
  /** Bytes of source fetched per message for its text; larger messages are parsed truncated. */
  maxBodyBytes?: number;
  isCancelled?: () => boolean;
}

const DEFAULTS = { bodyBatch: 100, maxBodies: 500, maxBodyBytes: 2 * 1024 * 1024 };

/** Compact UID set for a command ("1:3,7,9:10"). */
export function uidSet(uids: number[]): string {
  const sorted = [...uids].sort((a, b) => a - b);
  const parts: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    const start = sorted[i]!;
    let end = start;
    while (i + 1 < sorted.length && sorted[i + 1] === end + 1) end = sorted[++i]!;
    parts.push(start === end ? String(start) : `${start}:${end}`);
    i++;
  }
  return parts.join(',');
}

/** Fetches and stores missing bodies of one folder; returns how many were stored. */
export async function syncMailboxBodies(
  client: ImapFlow,
  store: MailStore,
  accountId: string,
  path: string,
  options: BodySyncOptions = {},
): Promise<number> {
  const opts = { ...DEFAULTS, ...options };
  const cancelled = options.isCancelled ?? (() => false);
  if (opts.maxBodies <= 0 || !store.listUidsMissingBody(accountId, path, 1).length) return 0;
  const lock = await client.getMailboxLock(path, { description: `bodies ${path}` });
  try {
    const tried = new Set<number>();
    const nextBatch = (): number[] => {
      const want = Math.min(opts.bodyBatch, opts.maxBodies - tried.size);
      if (want <= 0 || cancelled()) return [];
      const uids = store
        .listUidsMissingBody(accountId, path, want + tried.size)
        .filter((u) => !tried.has(u))
        .slice(0, want);
      uids.forEach((u) => tried.add(u));
      return uids;
    };
    const fetch = (uids: number[]): Promise<FetchMessageObject[]> =>
      uids.length
        ? client.fetchAll(
            uidSet(uids),
            { uid: true, source: { maxLength: opts.maxBodyBytes } },
            { uid: true },
          )
        : Promise.resolve([]);
    let done = 0;
    let pending = fetch(nextBatch());
    for (;;) {
      const rows = await pending;
      if (!rows.length) break;
      // The next FETCH goes out before this batch is parsed: no command runs inside a
      // streaming loop, fetchAll() has already collected these rows.
      pending = fetch(nextBatch());
      const parsed = await Promise.all(
        rows
          .filter((r) => r.source)
          .map(async (r) => ({ uid: r.uid, body: await extractBodyText(r.source!) })),
      );
      for (const { uid, body } of parsed) {
        store.saveBody(accountId, path, uid, body.text, body.snippet, body);
        done++;
      }
    }
    return done;
  } finally {
    lock.release();
  }
}
