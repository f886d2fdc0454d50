// Bursts become one notification: items of a source are held until the source has been
// quiet for `quietMs` (or `maxWaitMs` passed), and a source that is catching up (first
// sync, reconnection after being offline) is held until it has caught up. Timers are
// injected so the specs drive time by hand.
import type { NotificationAction, NotificationPayload } from '../../../shared/requests/notify';
import type { IncomingItem } from './incoming-item';
import { notifyTexts, type NotifyTexts } from './notify-texts';

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface CoalescerOptions {
  quietMs: number;
  maxWaitMs: number;
  timers: Timers;
  /** Receives each batch (one source, at least one item) when it is due. */
  deliver(items: IncomingItem[]): void;
}

interface Group {
  items: IncomingItem[];
  /** Keys of the held items: a catch-up holds thousands, so no linear scan per item. */
  keys: Set<string>;
  quiet?: unknown;
  max?: unknown;
}

export class Coalescer {
  private readonly groups = new Map<string, Group>();
  private readonly catchingUp = new Set<string>();

  constructor(private readonly options: CoalescerOptions) {}

  add(item: IncomingItem): void {
    const group = this.groups.get(item.sourceId) ?? { items: [], keys: new Set<string>() };
    this.groups.set(item.sourceId, group);
    if (group.keys.has(item.key)) return;
    group.keys.add(item.key);
    group.items.push(item);
    if (this.catchingUp.has(item.accountId)) return;
    this.arm(item.sourceId, group);
  }

  /** The account is catching up: hold its items until caughtUp(), whatever the time. */
  catchUp(accountId: string): void {
    this.catchingUp.add(accountId);
    for (const group of this.groups.values()) {
      if (group.items[0]?.accountId === accountId) this.disarm(group);
    }
  }

  caughtUp(accountId: string): void {
    if (!this.catchingUp.delete(accountId)) return;
    for (const [sourceId, group] of [...this.groups]) {
      if (group.items[0]?.accountId === accountId) this.flush(sourceId);
    }
  }

  isCatchingUp(accountId: string): boolean {
    return this.catchingUp.has(accountId);
  }

  /** Delivers everything held now (shutdown). */
  flushAll(): void {
    for (const sourceId of [...this.groups.keys()]) this.flush(sourceId);
  }

  private arm(sourceId: string, group: Group): void {
    const { timers, quietMs, maxWaitMs } = this.options;
    if (group.quiet !== undefined) timers.clear(group.quiet);
    group.quiet = timers.set(() => this.flush(sourceId), quietMs);
    group.max ??= timers.set(() => this.flush(sourceId), maxWaitMs);
  }

  private disarm(group: Group): void {
    if (group.quiet !== undefined) this.options.timers.clear(group.quiet);
    if (group.max !== undefined) this.options.timers.clear(group.max);
    group.quiet = group.max = undefined;
  }

  private flush(sourceId: string): void {
    const group = this.groups.get(sourceId);
    if (!group) return;
    this.disarm(group);
    this.groups.delete(sourceId);
    if (group.items.length > 0) this.options.deliver(group.items);
  }
}

const SUMMARY_LINES = 3;

/** One notification for a batch: the item itself when alone, else "N new in <source>". */
export function toPayload(
  id: string,
  items: IncomingItem[],
  archiveAvailable: boolean,
  texts: NotifyTexts = notifyTexts('en'),
): NotificationPayload {
  const first = items[0]!;
  const itemIds = [...new Set(items.map((item) => item.itemId))];
  if (items.length === 1) {
    const actions: NotificationAction[] =
      first.kind === 'mail' ? ['mark-read', ...(archiveAvailable ? ['archive' as const] : [])] : [];
    return {
      id,
      title: first.title,
      body: first.body,
      itemIds,
      accountId: first.accountId,
      ...(first.threadId ? { threadId: first.threadId } : {}),
      actions,
      actionLabels: Object.fromEntries(
        actions.map((action) => [action, action === 'archive' ? texts.archive : texts.markRead]),
      ),
    };
  }
  const lines = items.slice(0, SUMMARY_LINES).map((item) => texts.line(item.title, item.body));
  if (items.length > SUMMARY_LINES) lines.push(texts.andMore(items.length - SUMMARY_LINES));
  return {
    id,
    title: texts.newIn(items.length, first.sourceName),
    body: lines.join('\n'),
    itemIds,
    accountId: first.accountId,
    actions: [],
  };
}
