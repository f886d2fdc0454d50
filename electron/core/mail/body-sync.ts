// Bodies in the background: after the headers of every synced folder are stored, the
// sources of messages still without a body are fetched in small batches, newest first.
// Concurrency is bounded to two stages: while one batch is parsed and stored, the next
// one is already on the wire (one IMAP connection runs one command at a time anyway).
import type { FetchMessageObject, ImapFlow } from 'imapflow';
import { fetchLargeBodies } from './large-body';
import { uidSet } from './uid-set';
import { parseSources, saveBodies, type FetchedSource, type ParsedBody } from './fetched-message';
import type { MailStore } from './mail-store';

/**
 * Parses the sources and stores them with the bodies already parsed, on the store worker
 * when there is one, so the core's thread stays free for the window during a long
 * download. Resolves with the UIDs stored.
 */
async function storeBodies(
  store: MailStore,
  accountId: string,
  path: string,
  sources: FetchedSource[],
  parsed: ParsedBody[],
): Promise<number[]> {
  if (store.saveFetchedBodies) {
    return await store.saveFetchedBodies(accountId, path, sources, parsed);
  }
  const all = [...(await parseSources(sources)), ...parsed];
  saveBodies(store, accountId, path, all);
  return all.map((p) => p.uid);
}

export interface BodySyncOptions {
  /** Messages per body FETCH. */
  bodyBatch?: number;
  /** Upper bound of bodies fetched in one call; the rest come later. Infinity for a full catch-up. */
  maxBodies?: number;
  /**
   * Messages up to this size (RFC822.SIZE) are fetched whole and parsed; larger ones get
   * their text parts (each capped at this) and their attachment list from BODYSTRUCTURE.
   */
  maxBodyBytes?: number;
  isCancelled?: () => boolean;
}

export const BODY_DEFAULTS = { bodyBatch: 100, maxBodies: 500, maxBodyBytes: 2 * 1024 * 1024 };

/** The row's source if it holds the whole message (not cut short of RFC822.SIZE), else null. */
export function wholeSource(row: FetchMessageObject): Buffer | null {
  if (!row.source) return null;
  return row.size !== undefined && row.source.length < row.size ? null : row.source;
}

/** Fetches and stores missing bodies of one folder; returns how many were stored. */
export async function syncMailboxBodies(
  client: ImapFlow,
  store: MailStore,
  accountId: string,
  path: string,
  options: BodySyncOptions = {},
): Promise<number> {
  const opts = { ...BODY_DEFAULTS, ...options };
  const cancelled = options.isCancelled ?? (() => false);
  if (opts.maxBodies <= 0 || !store.listUidsMissingBody(accountId, path, 1).length) return 0;
  const lock = await client.getMailboxLock(path, { description: `bodies ${path}` });
  try {
    let tried = 0;
    // Tried but still without a body (no source returned, expunged meanwhile): the only
    // rows the missing-body query can return again. Skipping just these keeps each query
    // at one batch; skipping every UID tried so far made a catch-up quadratic.
    const stuck = new Set<number>();
    let inFlight: number[] = [];
    const nextBatch = (): number[] => {
      const want = Math.min(opts.bodyBatch, opts.maxBodies - tried);
      if (want <= 0 || cancelled()) return [];
      const skip = new Set([...stuck, ...inFlight]);
      const uids = store
        .listUidsMissingBody(accountId, path, want + skip.size)
        .filter((u) => !skip.has(u))
        .slice(0, want);
      tried += uids.length;
      return uids;
    };
    // Sizes first (cheap, from the server's index): whole sources for the messages under
    // the cap, the large-message path (large-body.ts) for the others.
    const fetch = async (uids: number[]) => {
      if (!uids.length) return { rows: [], large: [] };
      const sized = await client.fetchAll(uidSet(uids), { uid: true, size: true }, { uid: true });
      const isLarge = (r: FetchMessageObject) => (r.size ?? 0) > opts.maxBodyBytes;
      const small = sized.filter((r) => !isLarge(r)).map((r) => r.uid);
      const rows = small.length
        ? await client.fetchAll(
            uidSet(small),
            { uid: true, source: { maxLength: opts.maxBodyBytes } },
            { uid: true },
          )
        : [];
      const large = await fetchLargeBodies(
        client,
        sized.filter(isLarge).map((r) => r.uid),
        opts.maxBodyBytes,
      );
      return { rows, large };
    };
    let done = 0;
    let asked = nextBatch();
    let pending = fetch(asked);
    for (;;) {
      const { rows, large } = await pending;
      if (!rows.length && !large.length) break;
      const current = asked;
      // The next FETCH goes out before this batch is parsed: no command runs inside a
      // streaming loop, fetchAll() has already collected these rows. The batch being
      // stored is still missing its bodies, so the next one must skip it.
      inFlight = current;
      asked = nextBatch();
      inFlight = [];
      pending = fetch(asked);
      const sources = rows.flatMap((r) => {
        const source = wholeSource(r);
        return source ? [{ uid: r.uid, source }] : [];
      });
      const saved = new Set(await storeBodies(store, accountId, path, sources, large));
      done += saved.size;
      for (const uid of current) if (!saved.has(uid)) stuck.add(uid);
    }
    return done;
  } finally {
    lock.release();
  }
}
