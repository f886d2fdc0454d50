// Feeds the policy from the store: after every commit, each source turns the deltas into
// items, the policy keeps what should notify, the coalescer batches bursts and catch-ups,
// and each batch is remembered (notify_sent) before it is announced as `notify.show`.
import { randomUUID } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import type { Events } from '../../../shared/contract';
import type { CoreContext } from '../core-context';
import { Coalescer, toPayload, type Timers } from './coalescer';
import type { IncomingItem } from './incoming-item';
import { mailSource, type NotifySource } from './mail-source';
import {
  mutedKey,
  mutedThreadKeys,
  notifiedAmong,
  pruneNotified,
  readLocale,
  readSettings,
  recordNotified,
} from './notify-store';
import { notifyTexts } from './notify-texts';
import { decide } from './policy';
import { rseSource } from './rse-source';

export interface NotifierOptions {
  /** A burst ends after this much quiet; a lone mail shows after it too (keep well under 2 s). */
  quietMs?: number;
  /** A steady trickle still shows by then. */
  maxWaitMs?: number;
  timers?: Timers;
  now?: () => Date;
  sources?: NotifySource[];
  /** Offer Archive on mail notifications (threads.act); default true. */
  archiveAvailable?: boolean;
}

export interface Notifier {
  addSource(source: NotifySource): void;
  dispose(): void;
}

const keysOf = (items: IncomingItem[]) => items.map((item) => item.key);

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export function startNotifier(
  ctx: Pick<CoreContext, 'db' | 'writer' | 'emit' | 'log'>,
  events: Pick<EventEmitter, 'on' | 'off'>,
  options: NotifierOptions = {},
): Notifier {
  const { db, writer } = ctx;
  const now = options.now ?? (() => new Date());
  const sources = options.sources ?? [mailSource(db), rseSource(db)];
  pruneNotified(db, now());

  const coalescer = new Coalescer({
    quietMs: options.quietMs ?? 900,
    maxWaitMs: options.maxWaitMs ?? 5_000,
    timers: options.timers ?? realTimers,
    deliver: (items) => announce(items),
  });

  function announce(held: IncomingItem[]): void {
    // Another process on the same profile may have notified these meanwhile.
    const done = notifiedAmong(db, keysOf(held));
    const items = held.filter((item) => !done.has(item.key));
    if (items.length === 0) return;
    writer.write(() =>
      recordNotified(
        db,
        items.map((item) => item.key),
        now(),
      ),
    );
    // Worded in the window's language as of now: the desktop shell shows it as it is.
    const texts = notifyTexts(readLocale(db));
    const archive = options.archiveAvailable ?? true;
    ctx.emit('notify.show', toPayload(randomUUID(), items, archive, texts));
  }

  function consider(items: IncomingItem[]): void {
    if (items.length === 0) return;
    const settings = readSettings(db);
    // Read once per commit, not once per item: a catch-up commits thousands of messages.
    const muted = mutedThreadKeys(db);
    const input = {
      settings,
      now: now(),
      isThreadMuted: (accountId: string, key: string) => muted.has(mutedKey(accountId, key)),
    };
    const wanted = items.filter((item) => decide(item, input).notify);
    const done = notifiedAmong(db, keysOf(wanted));
    for (const item of wanted) if (!done.has(item.key)) coalescer.add(item);
  }

  const stopCommits = writer.onDidCommit((deltas) => {
    try {
      consider(sources.flatMap((source) => source.itemsFor(deltas)));
    } catch (error) {
      // A notification problem must never fail the sync that committed.
      ctx.log(`[notify] ${error instanceof Error ? error.message : String(error)}`);
    }
  });

  // An account connecting (first sync, or back from offline) says 'syncing' until it has
  // caught up; everything it brings meanwhile becomes one summary.
  const onStatus = ({ accountId, status }: Events['account.status']) => {
    if (status.kind === 'syncing') coalescer.catchUp(accountId);
    else coalescer.caughtUp(accountId);
  };
  events.on('account.status', onStatus);

  return {
    addSource: (source) => void sources.push(source),
    dispose() {
      stopCommits();
      events.off('account.status', onStatus);
      // What was held is shown rather than lost: it will not be inserted again.
      coalescer.flushAll();
    },
  };
}
