import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TimelineItem } from '../../../shared/domain';
import { RemoteError } from '../../../shared/rpc';
import { setClient } from '../api/client';
import { fakeClient, type FakeClient } from './fake-client';
import { makeItem, pageOf } from './fake-timeline';
import { FIRST_PAGE, MORE_PAGE, useTimelineStore } from './timeline';

let all: TimelineItem[];
let client: FakeClient;

beforeEach(() => {
  all = Array.from({ length: 450 }, (_, i) => makeItem(i + 1));
  client = fakeClient({
    'timeline.page': (q) => pageOf(all, q),
    'threads.markRead': ({ threadId, read }) => {
      all = all.map((i) => (i.threadId === threadId ? { ...i, unread: !read } : i));
      return null;
    },
  });
  setClient(client, client);
  setActivePinia(createPinia());
});

const ids = (items: TimelineItem[]) => items.map((i) => i.id);

describe('useTimelineStore', () => {
  it('loads the first page newest first, with a cursor for the next', async () => {
    const timeline = useTimelineStore();
    await timeline.reload();
    expect(timeline.items).toHaveLength(FIRST_PAGE);
    expect(timeline.items[0]?.id).toBe('t000450');
    expect(timeline.items[FIRST_PAGE - 1]?.id).toBe('t000351');
    expect(timeline.hasMore).toBe(true);
    expect(timeline.loaded).toBe(true);
  });

  it('pages older rows with the keyset cursor until the last page', async () => {
    const timeline = useTimelineStore();
    await timeline.reload();
    await timeline.loadMore();
    expect(timeline.items).toHaveLength(FIRST_PAGE + MORE_PAGE);
    expect(client.calls.at(-1)?.params).toMatchObject({ before: { id: 't000351' } });
    await timeline.loadMore();
    expect(timeline.items).toHaveLength(450);
    expect(timeline.items.at(-1)?.id).toBe('t000001');
    expect(timeline.hasMore).toBe(false);
    const calls = client.calls.length;
    await timeline.loadMore();
    expect(client.calls.length).toBe(calls);
  });

  it('shows new mail and changed rows when the writer reports a change, keeping older rows', async () => {
    const timeline = useTimelineStore();
    await timeline.reload();
    await timeline.loadMore();
    all = [
      ...all.map((i) => (i.id === 't000440' ? { ...i, unread: true } : i)),
      makeItem(451, { unread: true }),
    ];
    client.emit('db.changed', [{ table: 'messages', op: 'insert', ids: ['m451'] }]);
    await vi.waitFor(() => expect(timeline.items[0]?.id).toBe('t000451'));
    expect(timeline.items).toHaveLength(FIRST_PAGE + MORE_PAGE + 1);
    expect(timeline.items.find((i) => i.id === 't000440')?.unread).toBe(true);
    expect(new Set(ids(timeline.items)).size).toBe(timeline.items.length);
    await timeline.loadMore();
    expect(timeline.items).toHaveLength(451);
  });

  it('drops rows the writer deleted', async () => {
    const timeline = useTimelineStore();
    all = all.slice(0, 5);
    await timeline.reload();
    all = all.filter((i) => i.id !== 't000003');
    client.emit('db.changed', [{ table: 'threads', op: 'delete', ids: ['t000003'] }]);
    await vi.waitFor(() =>
      expect(ids(timeline.items)).toEqual(['t000005', 't000004', 't000002', 't000001']),
    );
  });

  it('asks only for unread rows in the Unread view', async () => {
    all = all.map((i, n) => ({ ...i, unread: n % 2 === 0 }));
    const timeline = useTimelineStore();
    timeline.setView('unread');
    await vi.waitFor(() => expect(timeline.loaded).toBe(true));
    expect(timeline.items.every((i) => i.unread)).toBe(true);
    expect(client.calls.at(-1)?.params).toMatchObject({ unreadOnly: true });
  });

  it('drops an older page that arrives after the list was reloaded', async () => {
    const timeline = useTimelineStore();
    await timeline.reload();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    client.handlers['timeline.page'] = async (q) => {
      if (q.before) await gate;
      return pageOf(all, q);
    };
    const more = timeline.loadMore();
    await timeline.reload();
    release();
    await more;
    expect(timeline.items).toHaveLength(FIRST_PAGE);
  });

  it('moves the selection with j/k within bounds', async () => {
    all = all.slice(0, 3);
    const timeline = useTimelineStore();
    await timeline.reload();
    expect(timeline.move(1)?.id).toBe('t000003');
    expect(timeline.move(1)?.id).toBe('t000002');
    expect(timeline.move(5)?.id).toBe('t000001');
    expect(timeline.move(-1)?.id).toBe('t000002');
    expect(timeline.move(-9)?.id).toBe('t000003');
  });

  it('marks a thread read at once and rolls back when the core refuses', async () => {
    all = [makeItem(1, { unread: true }), makeItem(2, { unread: true })];
    const timeline = useTimelineStore();
    await timeline.reload();
    await timeline.markRead('t000001');
    expect(timeline.items.find((i) => i.id === 't000001')?.unread).toBe(false);
    expect(client.calls.at(-1)).toEqual({
      name: 'threads.markRead',
      params: { threadId: 't000001', read: true },
    });

    client.handlers['threads.markRead'] = () => {
      throw new RemoteError({ code: 'unavailable', message: 'offline' });
    };
    const attempt = timeline.markRead('t000002');
    expect(timeline.items.find((i) => i.id === 't000002')?.unread).toBe(false);
    await expect(attempt).rejects.toThrow('offline');
    expect(timeline.items.find((i) => i.id === 't000002')?.unread).toBe(true);
  });

  it('stops listening when disposed', () => {
    const timeline = useTimelineStore();
    expect(client.listenerCount()).toBeGreaterThan(0);
    timeline.$dispose();
    expect(client.listenerCount()).toBe(0);
  });
});
