import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ThreadDetail, TimelineItem } from '../../../shared/domain';
import { RemoteError } from '../../../shared/rpc';
import { setClient } from '../api/client';
import { fakeClient, type FakeClient } from './fake-client';
import { makeItem, pageOf } from './fake-timeline';
import { useReaderStore } from './reader';
import { useTimelineStore } from './timeline';

let all: TimelineItem[];
let bodies: Record<string, string>;
let client: FakeClient;

function detail(item: TimelineItem): ThreadDetail {
  return {
    id: item.threadId,
    accountId: item.accountId,
    subject: item.subject,
    messages: [
      {
        id: `m-${item.id}`,
        accountId: item.accountId,
        mailbox: 'INBOX',
        uid: 1,
        messageId: `<${item.id}@example.org>`,
        subject: item.subject,
        from: item.from,
        to: [],
        date: item.date,
        unread: item.unread,
        flagged: false,
        snippet: item.snippet,
        text: bodies[item.threadId] ?? 'body',
      },
    ],
  };
}

beforeEach(() => {
  all = [makeItem(1, { unread: true }), makeItem(2)];
  bodies = {};
  client = fakeClient({
    'timeline.page': (q) => pageOf(all, q),
    'threads.get': ({ threadId }) => {
      const item = all.find((i) => i.threadId === threadId);
      return item ? detail(item) : null;
    },
    'threads.markRead': ({ threadId, read }) => {
      all = all.map((i) => (i.threadId === threadId ? { ...i, unread: !read } : i));
      return null;
    },
  });
  setClient(client, client);
  setActivePinia(createPinia());
});

describe('useReaderStore', () => {
  it('opens a thread and marks it read when it was unread', async () => {
    const timeline = useTimelineStore();
    const reader = useReaderStore();
    await timeline.reload();
    await reader.open('t000001');
    expect(reader.thread?.subject).toBe('Subject 1');
    expect(reader.loading).toBe(false);
    expect(client.calls.filter((c) => c.name === 'threads.markRead')).toEqual([
      { name: 'threads.markRead', params: { threadId: 't000001', read: true } },
    ]);
    expect(timeline.items.find((i) => i.id === 't000001')?.unread).toBe(false);
  });

  it('does not touch the server when the thread is already read', async () => {
    const timeline = useTimelineStore();
    const reader = useReaderStore();
    await timeline.reload();
    await reader.open('t000002');
    expect(client.calls.some((c) => c.name === 'threads.markRead')).toBe(false);
  });

  it('shows why marking read failed, and the row stays unread', async () => {
    client.handlers['threads.markRead'] = () => {
      throw new RemoteError({ code: 'unavailable', message: 'IMAP server unreachable' });
    };
    const timeline = useTimelineStore();
    const reader = useReaderStore();
    await timeline.reload();
    await reader.open('t000001');
    expect(reader.error).toContain('IMAP server unreachable');
    expect(reader.thread).not.toBeNull();
    expect(timeline.items.find((i) => i.id === 't000001')?.unread).toBe(true);
  });

  it('re-reads the open thread when messages change', async () => {
    const timeline = useTimelineStore();
    const reader = useReaderStore();
    await timeline.reload();
    await reader.open('t000002');
    bodies['t000002'] = 'edited';
    client.emit('db.changed', [{ table: 'messages', op: 'insert', ids: ['m9'] }]);
    await vi.waitFor(() => expect(reader.thread?.messages[0]?.text).toBe('edited'));
  });

  it('reports a thread that disappeared', async () => {
    const timeline = useTimelineStore();
    const reader = useReaderStore();
    await timeline.reload();
    await reader.open('t000002');
    all = all.filter((i) => i.id !== 't000002');
    client.emit('db.changed', [{ table: 'threads', op: 'delete', ids: ['t000002'] }]);
    await vi.waitFor(() => expect(reader.missing).toBe(true));
    reader.close();
    expect(reader.threadId).toBeNull();
  });

  it('ignores a slow answer for a thread that is no longer open', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const fast = client.handlers['threads.get']!;
    client.handlers['threads.get'] = async (p) => {
      if (p.threadId === 't000002') await gate;
      return fast(p);
    };
    const timeline = useTimelineStore();
    const reader = useReaderStore();
    await timeline.reload();
    const slow = reader.open('t000002');
    reader.close();
    const quick = reader.open('t000001');
    release();
    await Promise.all([slow, quick]);
    expect(reader.threadId).toBe('t000001');
    expect(reader.thread?.id).toBe('t000001');
  });
});
