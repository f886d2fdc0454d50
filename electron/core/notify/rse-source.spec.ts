// The RSE notification source: which stored items become incoming items, with what
// relevance and source, and that nothing already stored (a restart, a re-read) returns.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Delta } from '../../../shared/contract';
import { insertAccount } from '../db/accounts';
import { openDatabase, type Db } from '../db/connection';
import { Writer } from '../db/deltas';
import { applyActivity } from '../db/rse-items';
import { replaceSpaces, setFollowed } from '../db/rse-spaces';
import type { RemoteItem } from '../rse/connector';
import { writeSettings, readSettings, setThreadMuted } from './notify-store';
import { rseMuteTarget, rseSource, unreadRseCount } from './rse-source';

let db: Db;
let writer: Writer;
let committed: Delta[] = [];

function post(remoteId: string, extra: Partial<RemoteItem> = {}): RemoteItem {
  return {
    kind: 'post',
    remoteId,
    spaceRemoteId: 'd',
    postRemoteId: null,
    parentRemoteId: null,
    author: { name: 'Bob' },
    title: `Post ${remoteId}`,
    bodyHtml: '<p>Hello</p>',
    createdAt: `2026-03-0${remoteId.length}T10:00:00Z`,
    editedAt: null,
    permalink: null,
    mentionsMe: false,
    ...extra,
  };
}
const comment = (remoteId: string, on: string, extra: Partial<RemoteItem> = {}) =>
  post(remoteId, { kind: 'comment', spaceRemoteId: null, postRemoteId: on, title: null, ...extra });

function apply(items: RemoteItem[]): Delta[] {
  committed = [];
  writer.write((deltas) => applyActivity(db, 'w', { items, deleted: [] }, deltas));
  return committed;
}

beforeEach(() => {
  db = openDatabase(':memory:');
  writer = new Writer(db);
  writer.onDidCommit((deltas) => committed.push(...deltas));
  insertAccount(db, {
    id: 'w',
    name: 'Intranet',
    kind: 'wordpress',
    rse: { url: 'http://x', user: 'Me' },
    createdAt: '1',
  });
  writer.write((deltas) => {
    replaceSpaces(
      db,
      'w',
      [
        { remoteId: 'd', name: 'design' },
        { remoteId: 'o', name: 'ops' },
      ],
      deltas,
    );
    setFollowed(db, 'w', 'd', true, deltas);
  });
});

describe('rseSource', () => {
  it('gives the first sync of an account to the account, then each space its own source', () => {
    const source = rseSource(db);
    const first = source.itemsFor(apply([post('1'), post('2')]));
    expect(first.map((i) => [i.key, i.sourceId, i.sourceName, i.relevance])).toEqual([
      ['rse:w:post:1', 'w', 'Intranet', 'followed-space'],
      ['rse:w:post:2', 'w', 'Intranet', 'followed-space'],
    ]);
    const next = source.itemsFor(apply([post('3')]));
    expect(next).toMatchObject([
      {
        key: 'rse:w:post:3',
        kind: 'rse-post',
        itemId: expect.stringMatching(/^rse-post:\d+$/),
        sourceId: 'space:w:d',
        sourceName: '#design',
        title: 'Bob in #design',
        body: 'Post 3',
        unread: true,
      },
    ]);
  });

  it('never returns an item again: re-reads, edits and a restart', () => {
    apply([post('1')]);
    const source = rseSource(db); // a restart: the store already has post 1
    expect(source.itemsFor(apply([post('1', { title: 'Edited' })]))).toEqual([]);
    expect(source.itemsFor(apply([post('1'), post('22')])).map((i) => i.key)).toEqual([
      'rse:w:post:22',
    ]);
  });

  it('maps comments on my posts, on posts I commented on, and on others', () => {
    apply([post('1', { author: { name: 'me' } }), post('2'), post('3')]);
    apply([comment('9', '2', { author: { name: 'Me' } })]);
    const source = rseSource(db);
    const items = source.itemsFor(
      apply([
        comment('10', '1'),
        comment('11', '2'),
        comment('12', '3'),
        comment('13', '3', { author: { name: 'ME' } }),
      ]),
    );
    expect(items.map((i) => [i.key, i.relevance, i.kind])).toEqual([
      ['rse:w:comment:10', 'my-post', 'rse-comment'],
      ['rse:w:comment:11', 'followed-post', 'rse-comment'],
      ['rse:w:comment:12', 'other', 'rse-comment'],
    ]);
    expect(items[0]!.title).toBe('Bob on Post 1');
  });

  it('asks the conversion hook about posts I converted', () => {
    apply([post('1')]);
    const source = rseSource(db, { isFollowedPost: (a, remote) => a === 'w' && remote === '1' });
    expect(source.itemsFor(apply([comment('5', '1')]))[0]!.relevance).toBe('followed-post');
  });

  it('applies the account mode and the space mode, keeping mentions under "mentions"', () => {
    apply([post('1')]);
    const source = rseSource(db);
    writeSettings(db, { ...readSettings(db), sources: { 'space:w:d': 'mentions' } });
    const items = source.itemsFor(apply([post('2'), post('3', { mentionsMe: true })]));
    expect(items.map((i) => [i.key, i.mentionsMe])).toEqual([['rse:w:post:3', true]]);
    writeSettings(db, { ...readSettings(db), sources: { w: 'none' } });
    expect(source.itemsFor(apply([post('4', { mentionsMe: true })]))).toEqual([]);
  });

  it('mutes a post by its timeline id and counts unread RSE items', () => {
    apply([post('1', { mentionsMe: true }), comment('2', '1')]);
    const id = (db.prepare("SELECT id FROM rse_items WHERE kind = 'post'").get() as { id: number })
      .id;
    const target = rseMuteTarget(db, `rse-post:${id}`);
    expect(target).toEqual({ accountId: 'w', threadKey: `rse:${id}` });
    setThreadMuted(db, target!.accountId, target!.threadKey, true);
    expect(rseMuteTarget(db, '12')).toBeUndefined();
    expect(unreadRseCount(db, 'all')).toBe(2);
    expect(unreadRseCount(db, 'mentions')).toBe(1);
    expect(unreadRseCount(db, 'inbox-mentions')).toBe(1);
  });
});
