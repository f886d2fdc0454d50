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
import type { ImapFlow } from 'imapflow';
import { BODY_DEFAULTS, syncMailboxBodies } from './body-sync';
import type { MailboxState, MailStore } from './mail-store';
import { storedFlags } from './message-mapper';
import { fetchNewMessages, SAVE_WITH_BODIES } from './new-messages';

export { uidSet } from './uid-set';

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
      result.added = await fetchNewMessages(client, store, accountId, path, state, {
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
