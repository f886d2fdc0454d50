import { describe, expect, it } from 'vitest';
import { Coalescer, toPayload } from './coalescer';
import type { IncomingItem } from './incoming-item';
import { manualTimers } from './manual-timers';

function mail(n: number, overrides: Partial<IncomingItem> = {}): IncomingItem {
  return {
    key: `k${n}`,
    itemId: `mail-thread:${n}`,
    kind: 'mail',
    accountId: 'acc',
    sourceId: 'acc',
    sourceName: 'Work',
    threadKey: `mail:${n}`,
    threadId: String(n),
    relevance: 'inbox',
    mentionsMe: false,
    unread: true,
    junk: false,
    title: `Sender ${n}`,
    body: `Subject ${n}`,
    ...overrides,
  };
}

function setup() {
  const { timers, advance } = manualTimers();
  const batches: IncomingItem[][] = [];
  const coalescer = new Coalescer({
    quietMs: 1000,
    maxWaitMs: 5000,
    timers,
    deliver: (items) => batches.push(items),
  });
  return { coalescer, advance, batches };
}

describe('coalescing', () => {
  it('a lone item is delivered once the source has been quiet', () => {
    const { coalescer, advance, batches } = setup();
    coalescer.add(mail(1));
    advance(999);
    expect(batches).toEqual([]);
    advance(1);
    expect(batches.map((b) => b.length)).toEqual([1]);
  });

  it('a burst becomes one batch; a steady trickle is cut at the maximum wait', () => {
    const { coalescer, advance, batches } = setup();
    for (let n = 0; n < 5; n++) {
      coalescer.add(mail(n));
      advance(300);
    }
    advance(1000);
    expect(batches.map((b) => b.length)).toEqual([5]);
    for (let n = 10; n < 30; n++) {
      coalescer.add(mail(n));
      advance(500);
    }
    advance(1000);
    expect(batches.map((b) => b.length)).toEqual([5, 10, 10]);
  });

  it('keeps sources apart and never holds one item twice', () => {
    const { coalescer, advance, batches } = setup();
    coalescer.add(mail(1));
    coalescer.add(mail(1));
    coalescer.add(mail(2, { sourceId: 'space:9', sourceName: '#design' }));
    advance(1000);
    expect(batches.map((b) => b.map((i) => i.key))).toEqual([['k1'], ['k2']]);
  });

  it('holds a catching-up account until it caught up, however long that takes', () => {
    const { coalescer, advance, batches } = setup();
    coalescer.catchUp('acc');
    for (let n = 0; n < 300; n++) {
      coalescer.add(mail(n));
      advance(100);
    }
    expect(batches).toEqual([]);
    coalescer.caughtUp('acc');
    expect(batches.map((b) => b.length)).toEqual([300]);
  });

  it('a catch-up starting while items wait folds them into its summary', () => {
    const { coalescer, advance, batches } = setup();
    coalescer.add(mail(1));
    coalescer.catchUp('acc');
    advance(10_000);
    coalescer.add(mail(2));
    coalescer.caughtUp('acc');
    expect(batches.map((b) => b.length)).toEqual([2]);
  });
});

describe('payloads', () => {
  it('a single mail shows its sender and subject and offers Mark read', () => {
    expect(toPayload('n1', [mail(1)], false)).toEqual({
      id: 'n1',
      title: 'Sender 1',
      body: 'Subject 1',
      itemIds: ['mail-thread:1'],
      accountId: 'acc',
      threadId: '1',
      actions: ['mark-read'],
      // The desktop shell's button labels, in the user's language (English by default).
      actionLabels: { 'mark-read': 'Mark read' },
    });
    expect(toPayload('n1', [mail(1)], true).actions).toEqual(['mark-read', 'archive']);
  });

  it('several become "N new in <source>" listing the first few', () => {
    const payload = toPayload(
      'n2',
      [1, 2, 3, 4, 5].map((n) => mail(n)),
      true,
    );
    expect(payload.title).toBe('5 new in Work');
    expect(payload.body.split('\n')).toEqual([
      'Sender 1: Subject 1',
      'Sender 2: Subject 2',
      'Sender 3: Subject 3',
      'and 2 more',
    ]);
    expect(payload.itemIds).toHaveLength(5);
    expect(payload.actions).toEqual([]);
  });
});
