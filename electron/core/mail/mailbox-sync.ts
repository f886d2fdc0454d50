// One incremental pass over one mailbox: UIDVALIDITY check, changes to known messages
// (expunges, then flags), new headers newest first, then (optionally) missing bodies.
//
// Rules that keep it correct:
// - Never run an IMAP command inside a `for await` fetch loop (imapflow deadlocks): every
//   FETCH here is collected whole (fetchAll(), fetchMapped()), then written.
// - Expunges (VANISHED / UID diff) are applied before HIGHESTMODSEQ advances (RFC 7162 §3.2.5.2).
// - The checkpoint only moves past UIDs whose headers are stored, in the same store call
//   that stores them, so a kill at any moment loses nothing; saves are upserts, so a replay
//   duplicates nothing.
import type { FetchMessageObject, ImapFlow } from 'imapflow';
import { BODY_DEFAULTS, syncMailboxBodies, uidSet, wholeSource } from './body-sync';
import { parseFetched, type FetchedMessage } from './fetched-message';
import type { IncomingMessage, MailboxState, MailStore } from './mail-store';
import { fetchMapped, headerQueryFor, storedFlags, toIncomingMessage } from './message-mapper';
import { factsOf } from './source-headers';

export { uidSet } from './body-sync';

export interface SyncMailboxOptions {
  /** Header FETCH batch size (UIDs per command and per store transaction). */
  headerBatch?: number;
  /** Messages per body FETCH. */
  bodyBatch?: number;
  /** Upper bound of bodies fetched in one pass; the rest come in later passes. 0 skips bodies. */
  maxBodiesPerPass?: number;
  /** Bytes of source fetched per message for its text; larger messages are parsed truncated. */
  maxBodyBytes?: number;
  /** Only new messages of the last N days (SEARCH SINCE, RFC 3501 §6.4.4); null/undefined: all. */
  windowDays?: number | null;
  /**
   * Fetch each new message's source with its header and store both together (batches of
   * bodyBatch). For a full catch-up, where every body is wanted now: one FETCH pass
   * instead of a header pass and then a body pass over the same messages.
   */
  withBodies?: boolean;
  /** Stops between batches when it turns true (dispose, shutdown). */
  isCancelled?: () => boolean;
}

export interface SyncMailboxResult {
  path: string;
  /** True when UIDVALIDITY changed (or the mailbox was new) and local state was reset. */
  reset: boolean;
  added: number;
  flagsChanged: number;
  removed: number;
  bodies: number;
  /** Which change-detection path ran. */
  mode: 'qresync' | 'condstore' | 'full';
  /** SELECT (QRESYNC …) brought the changes itself: no CHANGEDSINCE round trip (RFC 7162 §3.2.5). */
  selectResync: boolean;
}

const DEFAULTS = { headerBatch: 1000, maxBodiesPerPass: 500 };

interface FlagChange {
  uid: number;
  flags: string[];
}

export async function syncMailboxOnce(
  client: ImapFlow,
  store: MailStore,
  accountId: string,
  path: string,
  options: SyncMailboxOptions = {},
): Promise<SyncMailboxResult> {
  const opts = { ...DEFAULTS, ...options };
  const cancelled = options.isCancelled ?? (() => false);
  let state: MailboxState | null = store.getMailboxState(accountId, path);
  // VANISHED (RFC 7162 §3.2.10) and flag FETCHes arrive as untagged responses during SELECT
  // (QRESYNC) or our UID FETCH; imapflow reports them as events. Collect them for this pass.
  const vanished = new Set<number>();
  const flagged = new Map<number, string[]>();
  const onExpunge = (ev: { path: string; uid?: number; vanished: boolean }) => {
    if (ev.vanished && ev.uid && ev.path === path) vanished.add(ev.uid);
  };
  const onFlags = (ev: { path: string; uid?: number; flags: Set<string> }) => {
    if (ev.uid && ev.path === path) flagged.set(ev.uid, storedFlags(ev.flags));
  };
  client.on('expunge', onExpunge);
  client.on('flags', onFlags);
  let lock: { release(): void } | null = null;
  try {
    // A fresh SELECT gives exact UIDVALIDITY/HIGHESTMODSEQ/UIDNEXT for this pass. With
    // QRESYNC it carries our checkpoint (RFC 7162 §3.2.5), so the server answers with the
    // VANISHED (EARLIER) UIDs and changed flags at once: no CHANGEDSINCE round trip.
    const known = state?.uidValidity && state.highestModseq && state.lastSeenUid > 0;
    const mailbox = await client.mailboxOpen(
      path,
      known ? { uidValidity: state!.uidValidity!, changedSince: state!.highestModseq! } : {},
    );
    lock = await client.getMailboxLock(path, { description: `sync ${path}` });
    // Every UID we store is only meaningful with it (RFC 3501 §2.3.1.1): without one,
    // syncing would risk mixing two generations of UIDs.
    if (typeof mailbox.uidValidity !== 'bigint') {
      throw new Error(
        `the server gave no valid UIDVALIDITY for ${path}; it cannot be synced safely`,
      );
    }
    const uidValidity = mailbox.uidValidity;
    const serverModseq =
      mailbox.noModseq || mailbox.highestModseq === undefined
        ? null
        : BigInt(mailbox.highestModseq);
    const condstore = client.enabled.has('CONDSTORE') && serverModseq !== null;
    const qresync = condstore && client.enabled.has('QRESYNC');
    const selectResynced = Boolean((mailbox as { qresync?: boolean }).qresync);

    let reset = false;
    if (!state || state.uidValidity !== uidValidity) {
      // RFC 3501 §2.3.1.1: a new UIDVALIDITY invalidates every UID we hold, but not the
      // snoozes, mutes and conversions on its threads: those are kept by Message-ID.
      if (state) store.rememberLocalState?.(accountId, path);
      store.resetMailbox(accountId, path, uidValidity);
      state = { path, uidValidity, highestModseq: null, lastSeenUid: 0 };
      reset = true;
    }
    const result: SyncMailboxResult = {
      path,
      reset,
      added: 0,
      flagsChanged: 0,
      removed: 0,
      bodies: 0,
      mode: qresync ? 'qresync' : condstore ? 'condstore' : 'full',
      selectResync: selectResynced,
    };

    // 1. Known messages: expunges first, then flags, then the modseq checkpoint.
    if (state.lastSeenUid > 0) {
      const lastSeen = state.lastSeenUid;
      let changes: FlagChange[] = [];
      let removed: number[] = [];
      if (mailbox.exists === 0) {
        removed = store.listUids(accountId, path);
      } else if (selectResynced) {
        changes = [...flagged]
          .filter(([u]) => u <= lastSeen)
          .map(([uid, flags]) => ({ uid, flags }));
        removed = [...vanished];
      } else if (condstore && state.highestModseq !== null) {
        if (state.highestModseq !== serverModseq) {
          // RFC 7162 §3.1.4.1 CHANGEDSINCE (+ §3.2.6 VANISHED under QRESYNC).
          const rows = await client.fetchAll(
            `1:${lastSeen}`,
            { uid: true, flags: true },
            { uid: true, changedSince: state.highestModseq },
          );
          changes = rows
            .filter((r) => r.uid <= lastSeen)
            .map((r) => ({ uid: r.uid, flags: storedFlags(r.flags) }));
        }
        // Under QRESYNC an expunge raises HIGHESTMODSEQ, so an unchanged value means none happened.
        removed = qresync ? [...vanished] : await uidDiff(client, store, accountId, path, lastSeen);
      } else {
        // No usable modseq: every known message's flags, and a UID diff.
        const rows = await client.fetchAll(
          `1:${lastSeen}`,
          { uid: true, flags: true },
          { uid: true },
        );
        const onServer = new Set(rows.map((r) => r.uid));
        changes = rows
          .filter((r) => r.uid <= lastSeen)
          .map((r) => ({ uid: r.uid, flags: storedFlags(r.flags) }));
        removed = store.listUids(accountId, path).filter((u) => u <= lastSeen && !onServer.has(u));
      }
      if (removed.length) store.removeMessages(accountId, path, removed);
      result.removed = removed.length;
      // After a full flags read the server's value is a valid baseline too; null = no modseq.
      const nextModseq = condstore ? serverModseq : null;
      if (changes.length || nextModseq !== state.highestModseq) {
        store.updateFlags(accountId, path, changes, nextModseq);
      }
      result.flagsChanged = changes.length;
    }

    // 2. New messages above the checkpoint, newest first.
    if (!cancelled() && mailbox.exists > 0 && mailbox.uidNext - 1 > state.lastSeenUid) {
      result.added = await fetchNewHeaders(client, store, accountId, path, state, {
        serverModseq,
        uidNext: mailbox.uidNext,
        // Sources make a batch heavy: the body batch bounds memory as body-sync does.
        batchSize: opts.withBodies
          ? (options.bodyBatch ?? BODY_DEFAULTS.bodyBatch)
          : opts.headerBatch,
        windowDays: opts.windowDays ?? null,
        saveEvery: opts.withBodies ? SAVE_WITH_BODIES : opts.headerBatch,
        bodies: opts.withBodies ? (options.maxBodyBytes ?? BODY_DEFAULTS.maxBodyBytes) : null,
        cancelled,
      });
    } else if (state.highestModseq === null && serverModseq !== null && state.lastSeenUid === 0) {
      // Empty mailbox: remember where modseq stands so the next pass can use CHANGEDSINCE.
      store.saveMessages(accountId, path, [], { highestModseq: serverModseq });
    }
    store.restoreLocalState?.(accountId, path, !cancelled());
    lock.release();
    lock = null;

    // 3. Bodies for messages stored without one.
    if (!cancelled() && opts.maxBodiesPerPass > 0) {
      result.bodies = await syncMailboxBodies(client, store, accountId, path, {
        ...options,
        maxBodies: opts.maxBodiesPerPass,
      });
    }
    return result;
  } finally {
    client.off('expunge', onExpunge);
    client.off('flags', onFlags);
    lock?.release();
  }
}

/** UIDs we hold at or below `upTo` that the server no longer has (no QRESYNC). */
async function uidDiff(
  client: ImapFlow,
  store: MailStore,
  accountId: string,
  path: string,
  upTo: number,
): Promise<number[]> {
  const found = await client.search({ uid: `1:${upTo}` }, { uid: true });
  const onServer = new Set(Array.isArray(found) ? found : []);
  return store.listUids(accountId, path).filter((u) => u <= upTo && !onServer.has(u));
}

interface NewHeaderOptions {
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
const SAVE_WITH_BODIES = 300;
/**
 * Catch-up saves out at once: two keep the store workers' parser and store busy together
 * (one alone left each waiting for the other); more gained nothing, measured, and each
 * holds up to HELD_BYTES of sources.
 */
const SAVES_IN_FLIGHT = 2;

/** A fetched batch: mapped headers, or rows with their sources (parsed before storing). */
type FetchedBatch = { headers: IncomingMessage[] } | { rows: FetchMessageObject[] };

async function fetchNewHeaders(
  client: ImapFlow,
  store: MailStore,
  accountId: string,
  path: string,
  state: MailboxState,
  o: NewHeaderOptions,
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
