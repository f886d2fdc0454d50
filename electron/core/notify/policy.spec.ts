import { describe, expect, it } from 'vitest';
import { NotifySettings } from '../../../shared/requests/notify';
import type { IncomingItem } from './incoming-item';
import { decide, isDndActive, tomorrowMorning } from './policy';

const settings = (patch: object = {}) => NotifySettings.parse(patch);
const noon = new Date(2026, 2, 10, 12, 0);

function item(overrides: Partial<IncomingItem> = {}): IncomingItem {
  return {
    key: 'mail:acc:<1@x>',
    itemId: 'mail-thread:1',
    kind: 'mail',
    accountId: 'acc',
    sourceId: 'acc',
    sourceName: 'Work',
    threadKey: 'mail:1',
    threadId: '1',
    relevance: 'inbox',
    mentionsMe: false,
    unread: true,
    junk: false,
    title: 'Bob',
    body: 'Hello',
    ...overrides,
  };
}

const run = (i: IncomingItem, s = settings(), muted: string[] = [], now = noon) =>
  decide(i, { settings: s, now, isThreadMuted: (_a, key) => muted.includes(key) });

describe('what notifies', () => {
  it('new unread mail in the inbox notifies', () => {
    expect(run(item())).toEqual({ notify: true });
  });

  it('mail already read, junk, in a muted thread or outside the inbox does not', () => {
    expect(run(item({ unread: false }))).toEqual({ notify: false, reason: 'read' });
    expect(run(item({ junk: true }))).toEqual({ notify: false, reason: 'junk' });
    expect(run(item(), settings(), ['mail:1'])).toEqual({ notify: false, reason: 'thread-muted' });
    expect(run(item({ relevance: 'other' }))).toEqual({ notify: false, reason: 'not-relevant' });
  });

  it('posts in followed spaces and comments on my or followed posts notify', () => {
    const space = { kind: 'rse-post' as const, sourceId: 'space:9', threadKey: 'rse:p1' };
    expect(run(item({ ...space, relevance: 'followed-space' }))).toEqual({ notify: true });
    expect(run(item({ ...space, kind: 'rse-comment', relevance: 'my-post' }))).toEqual({
      notify: true,
    });
    expect(run(item({ ...space, kind: 'rse-comment', relevance: 'followed-post' }))).toEqual({
      notify: true,
    });
    expect(run(item({ ...space, relevance: 'other' })).notify).toBe(false);
  });

  it('a mention notifies anywhere, unless its source is muted', () => {
    const mention = item({ relevance: 'other', mentionsMe: true, sourceId: 'space:9' });
    expect(run(mention)).toEqual({ notify: true });
    expect(run(mention, settings({ sources: { 'space:9': 'mentions' } }))).toEqual({
      notify: true,
    });
    expect(run(mention, settings({ sources: { 'space:9': 'none' } }))).toEqual({
      notify: false,
      reason: 'source-muted',
    });
  });

  it('per source: mentions only, or nothing', () => {
    expect(run(item(), settings({ sources: { acc: 'mentions' } }))).toEqual({
      notify: false,
      reason: 'mentions-only',
    });
    expect(run(item(), settings({ sources: { acc: 'none' } })).notify).toBe(false);
    expect(run(item(), settings({ sources: { other: 'none' } })).notify).toBe(true);
  });
});

describe('do not disturb', () => {
  it('silences everything while on, optionally letting mentions through', () => {
    const on = settings({ dnd: { active: true } });
    expect(run(item(), on)).toEqual({ notify: false, reason: 'dnd' });
    expect(run(item({ mentionsMe: true }), on)).toEqual({ notify: true });
    const strict = settings({ dnd: { active: true, allowMentions: false } });
    expect(run(item({ mentionsMe: true }), strict)).toEqual({ notify: false, reason: 'dnd' });
  });

  it('ends by itself when given a duration', () => {
    const dnd = settings({
      dnd: { active: true, until: new Date(2026, 2, 10, 13).toISOString() },
    }).dnd;
    expect(isDndActive(dnd, noon)).toBe(true);
    expect(isDndActive(dnd, new Date(2026, 2, 10, 13, 1))).toBe(false);
  });

  it('follows a daily schedule, across midnight too', () => {
    const night = settings({ dnd: { schedule: { start: '22:00', end: '07:00' } } }).dnd;
    expect(isDndActive(night, new Date(2026, 2, 10, 23, 30))).toBe(true);
    expect(isDndActive(night, new Date(2026, 2, 10, 6, 59))).toBe(true);
    expect(isDndActive(night, new Date(2026, 2, 10, 7, 0))).toBe(false);
    expect(isDndActive(night, noon)).toBe(false);
    const lunch = settings({ dnd: { schedule: { start: '12:00', end: '13:00' } } }).dnd;
    expect(isDndActive(lunch, noon)).toBe(true);
    expect(isDndActive(lunch, new Date(2026, 2, 10, 13, 0))).toBe(false);
  });

  it('"until tomorrow" means tomorrow morning', () => {
    expect(tomorrowMorning(new Date(2026, 2, 10, 23, 0))).toEqual(new Date(2026, 2, 11, 8, 0));
  });
});
