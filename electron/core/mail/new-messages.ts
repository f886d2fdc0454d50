// New messages of one mailbox, above its checkpoint, newest first (the second step of
// mailbox-sync.ts's pass): headers only, or, for a full catch-up, with their sources,
// parsed and stored by the store workers when there are. Stores in batches whose last one
// moves the checkpoint, so a kill at any moment loses nothing and replays duplicate nothing.
import type { FetchMessageObject, ImapFlow } from 'imapflow';
import { wholeSource } from './body-sync';
import { uidSet } from './uid-set';
import { parseFetched, type FetchedMessage } from './fetched-message';
import type { IncomingMessage, MailboxState, MailStore } from './mail-store';
import { fetchMapped, headerQueryFor, toIncomingMessage } from './message-mapper';
import { factsOf } from './source-headers';

export interface NewMessagesOptions {
  serverModseq: bigint | null;
  uidNext: number;
  batchSize: number;
  windowDays: number | null;
  /** Bytes of source to fetch with each header, or null for headers only. */
  bodies: number | null;
  /** Messages per store transaction (several FETCH batches when sources come along). */
  saveEvery: number;
  cancelled: () => boolean;
}

/** Source bytes held before a save, whatever the count: bounds a catch-up's memory. */
const HELD_BYTES = 16 * 1024 * 1024;
/**
 * Messages per transaction in a catch-up. Measured on 20,000 messages: 100 per commit cost
 * ~0.4 s more CPU than 300-500; past that the gain stops, and the timeline fills (and a
 * killed run keeps its work) in smaller steps.
 */
export const SAVE_WITH_BODIES = 300;
/**
 * Catch-up saves out at once: two keep the store workers' parser and store busy together
 * (one alone left each waiting for the other); more gained nothing, measured, and each
 * holds up to HELD_BYTES of sources.
 */
const SAVES_IN_FLIGHT = 2;

/** A fetched batch: mapped headers, or rows with their sources (parsed before storing). */
type FetchedBatch = { headers: IncomingMessage[] } | { rows: FetchMessageObject[] };

export async function fetchNewMessages(
  client: ImapFlow,
  store: MailStore,
  accountId: string,
  path: string,
  state: MailboxState,
  o: NewMessagesOptions,
): Promise<number> {
  const since = o.windowDays ? new Date(Date.now() - o.windowDays * 86_400_000) : undefined;
  const query = { uid: `${state.lastSeenUid + 1}:*`, ...(since ? { since } : {}) };
  // "n:*" always matches the last message even when its UID is below n (RFC 3501 §6.4.8), hence the filter.
  const found = await client.search(query, { uid: true });
  const candidates = (Array.isArray(found) ? found : []).filter((u) => u > state.lastSeenUid);
  // Every UID below UIDNEXT was assigned before our SELECT: the ones the search did not
  // return are outside the window or gone, so the checkpoint may pass them.
  const top = Math.max(o.uidNext - 1, ...candidates);
  // Newest first, so the timeline fills from the top. The checkpoint can only jump to `top`
  // once everything below is stored; after a crash, already-stored UIDs are skipped.
  const stored = new Set(store.listUids(accountId, path).filter((u) => u > state.lastSeenUid));
  const todo = candidates.filter((u) => !stored.has(u)).sort((a, b) => b - a);
  // A fresh mailbox records HIGHESTMODSEQ with its final header batch; later passes move it
  // with updateFlags, after expunges are applied.
  const modseqCheckpoint =
    state.highestModseq === null && o.serverModseq !== null
      ? { highestModseq: o.serverModseq }
      : {};
  let added = 0;
  const headerQuery = headerQueryFor(client.capabilities);
  // With sources, the headers are read from them (source-headers.ts): only what the
  // server alone knows is asked besides.
  const fetchQuery =
    o.bodies === null
      ? headerQuery
      : {
          uid: true,
          flags: true,
          internalDate: true,
          size: true,
          ...(headerQuery.threadId ? { threadId: true } : {}),
          source: { maxLength: o.bodies },
        };
  const fetchBatch = (i: number): Promise<FetchedBatch> | null => {
    if (i >= todo.length || o.cancelled()) return null;
    const range = uidSet(todo.slice(i, i + o.batchSize));
    return o.bodies === null
      ? fetchMapped(client, range, fetchQuery, toIncomingMessage).then((headers) => ({ headers }))
      : fetchMapped(client, range, fetchQuery, (row) => row).then((rows) => ({ rows }));
  };
  // Two stages: the next batch is on the wire while this one is written, so Dovecot and
  // SQLite work at the same time. fetchMapped() has fully collected a batch before we
  // touch it, so no command ever runs inside a streaming FETCH.
  // Small FETCHes bound the sources in memory, but each commit costs (FTS5 flushes a
  // segment, WAL pages are written): parsed messages are held until saveEvery of them, or
  // HELD_BYTES of source, are ready. A kill loses at most the held ones, fetched again.
  let held: FetchedMessage[] = [];
  let heldBytes = 0;
  // Saves in flight while the next batches are fetched: with the store workers, one is
  // parsed while the one before is written. They commit in the order they were sent; the
  // last one, which moves the checkpoint, waits for all of them.
  const inFlight: Promise<void>[] = [];
  const settle = async (keep: number) => {
    while (inFlight.length > keep) await inFlight.shift();
  };
  const saveFetched = async (items: FetchedMessage[], checkpoint: { lastSeenUid: number }) => {
    // Headers alone are cheaper to store here than to copy to the store worker (measured).
    if (o.bodies === null) {
      store.saveMessages(
        accountId,
        path,
        items.flatMap((item) => (item.source === null ? [item.message] : [])), // all of them
        checkpoint,
      );
    } else if (store.saveFetched) {
      await store.saveFetched(accountId, path, items, checkpoint);
    } else {
      store.saveMessages(accountId, path, await parseFetched(items), checkpoint);
    }
  };
  // Non-final saves restate the old checkpoint explicitly: it must not move yet.
  const save = async (last: boolean) => {
    const checkpoint = last
      ? { lastSeenUid: top, ...modseqCheckpoint }
      : { lastSeenUid: state.lastSeenUid };
    const batch = held;
    added += batch.length;
    held = [];
    heldBytes = 0;
    await settle(last ? 0 : SAVES_IN_FLIGHT - 1);
    if (batch.length || last) {
      const saving = saveFetched(batch, checkpoint);
      // Awaited by settle(); until then a failure must not count as unhandled.
      saving.catch(() => undefined);
      inFlight.push(saving);
    }
  };
  let pending = fetchBatch(0);
  try {
    for (let i = 0; pending; i += o.batchSize) {
      const fetched = await pending;
      pending = fetchBatch(i + o.batchSize);
      const isNew = (r: { uid: number }) => r.uid > state.lastSeenUid;
      if ('headers' in fetched) {
        for (const message of fetched.headers)
          if (isNew(message)) held.push({ message, source: null });
      } else {
        // With sources, each message is stored with its parsed body (none when the source
        // was cut at the cap: the body loop takes those), so headers, bodies and checkpoint
        // are one store call, one transaction, and each message is written and indexed once.
        const rows = fetched.rows.filter(isNew);
        for (const r of rows) {
          if (!r.source) continue;
          held.push({ facts: factsOf(r), source: r.source, whole: wholeSource(r) !== null });
          heldBytes += r.source.length;
        }
        // A server that answered without a source still gave the UID: its headers are
        // asked for the usual way, so the message is not passed over.
        const sourceless = rows.filter((r) => !r.source).map((r) => r.uid);
        if (sourceless.length) {
          const headers = await fetchMapped(
            client,
            uidSet(sourceless),
            headerQuery,
            toIncomingMessage,
          );
          for (const message of headers) held.push({ message, source: null });
        }
      }
      const last = i + o.batchSize >= todo.length;
      if (last || held.length >= o.saveEvery || heldBytes >= HELD_BYTES) await save(last);
    }
    // Cancelled between batches: what was fetched is kept, the checkpoint stays.
    if (held.length) await save(false);
    if (!todo.length) await save(true);
  } catch (error) {
    // No save is left running behind the caller's back, and a FETCH still on the wire
    // fails with the session, not as an unhandled rejection.
    pending?.catch(() => undefined);
    await Promise.allSettled(inFlight);
    throw error;
  }
  await settle(0);
  return added;
}
