// One incremental pass over one mailbox: UIDVALIDITY check, changes to known messages
// (expunges, then flags), new headers newest first, then missing bodies.
//
// Rules that keep it correct:
// - Never run an IMAP command inside a `for await` fetch loop (imapflow deadlocks): every
//   FETCH here is collected with fetchAll(), then written.
// - Expunges (VANISHED / UID diff) are applied before HIGHESTMODSEQ advances (RFC 7162 §3.2.5.2).
// - The checkpoint only moves past UIDs whose headers are stored, in the same store call
//   that stores them, so a kill at any moment loses nothing; saves are upserts, so a replay
//   duplicates nothing.
import type { ImapFlow } from 'imapflow';
import { extractBodyText } from './body-text';
import type { MailboxState, MailStore } from './mail-store';
import { HEADER_QUERY, toIncomingMessage } from './message-mapper';

export interface SyncMailboxOptions {
  /** Header FETCH batch size (UIDs per command and per store transaction). */
  headerBatch?: number;
  /** Messages per body FETCH. */
  bodyBatch?: number;
  /** Upper bound of bodies fetched in one pass; the rest come in later passes. 0 skips bodies. */
  maxBodiesPerPass?: number;
  /** Bytes of source fetched per message for its text; larger messages are parsed truncated. */
  maxBodyBytes?: number;
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
}

const DEFAULTS = {
  headerBatch: 500,
  bodyBatch: 25,
  maxBodiesPerPass: 500,
  maxBodyBytes: 2 * 1024 * 1024,
};

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

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
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
  const lock = await client.getMailboxLock(path, { description: `sync ${path}` });
  // VANISHED arrives as untagged responses during our UID FETCH (RFC 7162 §3.2.10) and
  // imapflow reports them as expunge events; collect the UIDs for this pass.
  const vanished = new Set<number>();
  const onExpunge = (ev: { path: string; uid?: number; vanished: boolean }) => {
    if (ev.vanished && ev.uid && ev.path === path) vanished.add(ev.uid);
  };
  client.on('expunge', onExpunge);
  try {
    // A fresh SELECT gives exact UIDVALIDITY/HIGHESTMODSEQ/UIDNEXT for this pass; the
    // values imapflow keeps for an open mailbox move with unsolicited FETCHes we have not applied.
    const mailbox = await client.mailboxOpen(path);
    const uidValidity = BigInt(mailbox.uidValidity);
    const serverModseq =
      mailbox.noModseq || mailbox.highestModseq === undefined
        ? null
        : BigInt(mailbox.highestModseq);
    const condstore = client.enabled.has('CONDSTORE') && serverModseq !== null;
    const qresync = condstore && client.enabled.has('QRESYNC');

    let state: MailboxState | null = store.getMailboxState(accountId, path);
    let reset = false;
    if (!state || state.uidValidity !== uidValidity) {
      // RFC 3501 §2.3.1.1: a new UIDVALIDITY invalidates every UID we hold.
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
    };

    // 1. Known messages: expunges first, then flags, then the modseq checkpoint.
    if (state.lastSeenUid > 0) {
      const known = `1:${state.lastSeenUid}`;
      const lastSeen = state.lastSeenUid;
      const incremental = condstore && state.highestModseq !== null;
      let changes: { uid: number; flags: string[] }[] = [];
      let removed: number[] = [];
      if (mailbox.exists === 0) {
        removed = store.listUids(accountId, path);
      } else if (incremental) {
        if (state.highestModseq !== serverModseq) {
          // RFC 7162 §3.1.4.1 CHANGEDSINCE (+ §3.2.6 VANISHED under QRESYNC).
          const rows = await client.fetchAll(
            known,
            { uid: true, flags: true },
            { uid: true, changedSince: state.highestModseq! },
          );
          changes = rows
            .filter((r) => r.uid <= lastSeen)
            .map((r) => ({ uid: r.uid, flags: [...(r.flags ?? [])].sort() }));
        }
        // Under QRESYNC an expunge raises HIGHESTMODSEQ, so an unchanged value means none happened.
        if (qresync) removed = [...vanished];
        else removed = await uidDiff(client, store, accountId, path, lastSeen);
      } else {
        // No usable modseq: every known message's flags, and a UID diff.
        const rows = await client.fetchAll(known, { uid: true, flags: true }, { uid: true });
        const onServer = new Set(rows.map((r) => r.uid));
        changes = rows
          .filter((r) => r.uid <= lastSeen)
          .map((r) => ({ uid: r.uid, flags: [...(r.flags ?? [])].sort() }));
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
      result.added = await fetchNewHeaders(
        client,
        store,
        accountId,
        path,
        state,
        serverModseq,
        opts.headerBatch,
        cancelled,
      );
    } else if (state.highestModseq === null && serverModseq !== null && state.lastSeenUid === 0) {
      // Empty mailbox: remember where modseq stands so the next pass can use CHANGEDSINCE.
      store.saveMessages(accountId, path, [], { highestModseq: serverModseq });
    }

    // 3. Bodies for messages stored without one.
    if (!cancelled() && opts.maxBodiesPerPass > 0) {
      result.bodies = await fetchMissingBodies(client, store, accountId, path, opts, cancelled);
    }
    return result;
  } finally {
    client.off('expunge', onExpunge);
    lock.release();
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

async function fetchNewHeaders(
  client: ImapFlow,
  store: MailStore,
  accountId: string,
  path: string,
  state: MailboxState,
  serverModseq: bigint | null,
  batchSize: number,
  cancelled: () => boolean,
): Promise<number> {
  // "n:*" always matches the last message even when its UID is below n (RFC 3501 §6.4.8), hence the filter.
  const found = await client.search({ uid: `${state.lastSeenUid + 1}:*` }, { uid: true });
  const candidates = (Array.isArray(found) ? found : []).filter((u) => u > state.lastSeenUid);
  if (!candidates.length) return 0;
  const top = Math.max(...candidates);
  // Newest first, so the timeline fills from the top. The checkpoint can only jump to `top`
  // once everything below is stored; after a crash, already-stored UIDs are skipped.
  const stored = new Set(store.listUids(accountId, path).filter((u) => u > state.lastSeenUid));
  const todo = candidates.filter((u) => !stored.has(u)).sort((a, b) => b - a);
  const batches = chunks(todo, batchSize);
  // A fresh mailbox records HIGHESTMODSEQ with its final header batch; later passes move it
  // with updateFlags, after expunges are applied.
  const modseqCheckpoint =
    state.highestModseq === null && serverModseq !== null ? { highestModseq: serverModseq } : {};
  let added = 0;
  for (let i = 0; i < batches.length; i++) {
    if (cancelled()) return added;
    const batch = batches[i]!;
    const rows = await client.fetchAll(uidSet(batch), HEADER_QUERY, { uid: true });
    const messages = rows.filter((r) => r.uid > state.lastSeenUid).map(toIncomingMessage);
    const last = i === batches.length - 1;
    // Non-final batches restate the old checkpoint explicitly: it must not move yet.
    store.saveMessages(
      accountId,
      path,
      messages,
      last ? { lastSeenUid: top, ...modseqCheckpoint } : { lastSeenUid: state.lastSeenUid },
    );
    added += messages.length;
  }
  if (!batches.length)
    store.saveMessages(accountId, path, [], { lastSeenUid: top, ...modseqCheckpoint });
  return added;
}

async function fetchMissingBodies(
  client: ImapFlow,
  store: MailStore,
  accountId: string,
  path: string,
  opts: typeof DEFAULTS,
  cancelled: () => boolean,
): Promise<number> {
  const tried = new Set<number>();
  let done = 0;
  while (done < opts.maxBodiesPerPass && !cancelled()) {
    const uids = store
      .listUidsMissingBody(accountId, path, opts.bodyBatch + tried.size)
      .filter((u) => !tried.has(u))
      .slice(0, opts.bodyBatch);
    if (!uids.length) break;
    uids.forEach((u) => tried.add(u));
    const rows = await client.fetchAll(
      uidSet(uids),
      { uid: true, source: { maxLength: opts.maxBodyBytes } },
      { uid: true },
    );
    // Parse after the FETCH completed: no command runs while responses stream in.
    for (const row of rows) {
      if (!row.source) continue;
      const { text, snippet } = await extractBodyText(row.source);
      store.saveBody(accountId, path, row.uid, text, snippet);
      done++;
    }
  }
  return done;
}
