// An in-memory timeline that pages like the core (date, id descending; `before` keyset).
import type { TimelineQuery } from '../../../shared/contract';
import type { TimelineItem, TimelinePage } from '../../../shared/domain';

export function makeItem(n: number, patch: Partial<TimelineItem> = {}): TimelineItem {
  const id = `t${String(n).padStart(6, '0')}`;
  return {
    id,
    kind: 'mail-thread',
    accountId: 'a1',
    threadId: id,
    subject: `Subject ${n}`,
    from: { name: `Sender ${n}`, address: `s${n}@example.org` },
    snippet: `Snippet ${n}`,
    date: new Date(Date.UTC(2025, 0, 1) + n * 60_000).toISOString(),
    unread: false,
    flagged: false,
    messageCount: 1,
    ...patch,
  };
}

export function pageOf(all: TimelineItem[], query: TimelineQuery): TimelinePage {
  const limit = query.limit ?? 100;
  let list = [...all].sort((a, b) =>
    a.date === b.date ? b.id.localeCompare(a.id) : b.date.localeCompare(a.date),
  );
  if (query.unreadOnly) list = list.filter((i) => i.unread);
  const before = query.before;
  if (before)
    list = list.filter((i) => i.date < before.date || (i.date === before.date && i.id < before.id));
  const items = list.slice(0, limit);
  const last = items[items.length - 1];
  return list.length > limit && last
    ? { items, next: { date: last.date, id: last.id } }
    : { items };
}
