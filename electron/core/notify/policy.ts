// What notifies: a pure function of the item, the settings, the muted threads and the
// time, so every rule is unit-tested without a database or a clock.
import type { NotifySettings, SourceMode } from '../../../shared/requests/notify';
import type { IncomingItem } from './incoming-item';

export type Verdict = { notify: true } | { notify: false; reason: SkipReason };
export type SkipReason =
  'read' | 'junk' | 'source-muted' | 'thread-muted' | 'not-relevant' | 'mentions-only' | 'dnd';

export interface PolicyInput {
  settings: NotifySettings;
  isThreadMuted: (accountId: string, threadKey: string) => boolean;
  now: Date;
}

export function sourceMode(settings: NotifySettings, sourceId: string): SourceMode {
  return settings.sources[sourceId] ?? 'all';
}

/** Whether do-not-disturb is in effect at `now`: manual (maybe until a time) or the daily schedule. */
export function isDndActive(dnd: NotifySettings['dnd'], now: Date): boolean {
  if (dnd.active && (dnd.until === null || Date.parse(dnd.until) > now.getTime())) return true;
  if (!dnd.schedule) return false;
  const minutes = now.getHours() * 60 + now.getMinutes();
  const start = toMinutes(dnd.schedule.start);
  const end = toMinutes(dnd.schedule.end);
  if (start === end) return false;
  // A schedule such as 22:00–07:00 spans midnight.
  return start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
}

function toMinutes(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

export function decide(item: IncomingItem, input: PolicyInput): Verdict {
  const { settings } = input;
  const mode = sourceMode(settings, item.sourceId);
  // A muted source stays silent, mentions included: that is what muting it means.
  if (mode === 'none') return { notify: false, reason: 'source-muted' };
  // Read elsewhere before we saw it: the user already knows.
  if (!item.unread) return { notify: false, reason: 'read' };
  if (item.junk) return { notify: false, reason: 'junk' };
  if (item.threadKey && input.isThreadMuted(item.accountId, item.threadKey)) {
    return { notify: false, reason: 'thread-muted' };
  }
  if (!item.mentionsMe) {
    if (mode === 'mentions') return { notify: false, reason: 'mentions-only' };
    if (item.relevance === 'other') return { notify: false, reason: 'not-relevant' };
  }
  if (isDndActive(settings.dnd, input.now) && !(item.mentionsMe && settings.dnd.allowMentions)) {
    return { notify: false, reason: 'dnd' };
  }
  return { notify: true };
}

/** The end of "until tomorrow": 08:00 local time on the next day. */
export function tomorrowMorning(now: Date): Date {
  const next = new Date(now);
  next.setDate(next.getDate() + 1);
  next.setHours(8, 0, 0, 0);
  return next;
}
