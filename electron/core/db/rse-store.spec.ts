// The RSE store: the 0003 migration from version 2 with data in it, upserts without
// duplicates, and the timeline merging mail threads and RSE posts with keyset paging.
import { describe, expect, it } from 'vitest';
import type { RemoteItem } from '../rse/connector';
import { insertAccount, listAccounts } from './accounts';
import { migrate, openDatabase, type Db } from './connection';
import { Writer } from './deltas';
import { migrations } from './migrations';
import { applyActivity, listComments, markPostRead } from './rse-items';
import { RSE_FIRST_PAGE, RSE_NEXT_PAGE } from './rse-timeline';
import { timelinePage } from './timeline';

const IMAP = { host: 'h', port: 993, tls: 'tls' as const, user: 'u' };

function post(remoteId: string, createdAt: string, extra: Partial<RemoteItem> = {}): RemoteItem {
  return {
    kind: 'post',
    remoteId,
    spaceRemoteId: '2',
    postRemoteId: null,
    parentRemoteId: null,
    author: { name: 'Ann' },
    title: `Post ${remoteId}`,
    bodyHtml: `<p>Body ${remoteId}</p>`,
    createdAt,
    editedAt: null,
    permalink: null,
    mentionsMe: false,
    ...extra,
  };
}

function comment(remoteId: string, postRemoteId: string, createdAt: string): RemoteItem {
  return {
    ...post(remoteId, createdAt),
    kind: 'comment',
    spaceRemoteId: null,
    postRemoteId,
    title: null,
  };
}

function freshDb(): { db: Db; writer: Writer } {
  const db = openDatabase(':memory:');
  insertAccount(db, {
    id: 'w',
    name: 'Intranet',
    kind: 'wordpress',
    rse: { url: 'http://x' },
    createdAt: '1',
  });
  return { db, writer: new Writer(db) };
}

describe('migration 0003 (rse)', () => {
  it('rebuilds accounts for the RSE kinds, keeping every row that references them', () => {
    const db = openDatabase(
      ':memory:',
      migrations.filter((m) => m.version < 3),
    );
    insertAccount(db, { id: 'a', name: 'Mail', kind: 'imap', imap: IMAP, createdAt: '1' });
    db.prepare("INSERT INTO mailboxes (account_id, path) VALUES ('a', 'INBOX')").run();
    db.prepare(
      "INSERT INTO threads (account_id, subject, latest_date, message_count, unread_count, flagged_count) VALUES ('a', 's', '2026', 1, 1, 0)",
    ).run();
    expect(() =>
      insertAccount(db, {
        id: 'x',
        name: 'X',
        kind: 'wordpress',
        rse: { url: 'u' },
        createdAt: '2',
      }),
    ).toThrow(/CHECK/);

    migrate(db, migrations);
    expect(listAccounts(db).map((a) => [a.id, a.kind])).toEqual([['a', 'imap']]);
    insertAccount(db, {
      id: 'w',
      name: 'Intranet',
      kind: 'wordpress',
      rse: { url: 'http://x' },
      createdAt: '2',
    });
    expect(listAccounts(db)[1]).toEqual({
      id: 'w',
      name: 'Intranet',
      kind: 'wordpress',
      rse: { url: 'http://x' },
      createdAt: '2',
    });
    expect(db.prepare('SELECT count(*) AS n FROM mailboxes').get()).toEqual({ n: 1 });
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    // The references still point at the rebuilt table: deleting cascades as before.
    db.prepare("DELETE FROM accounts WHERE id = 'a'").run();
    expect(db.prepare('SELECT count(*) AS n FROM mailboxes').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM threads').get()).toEqual({ n: 0 });
    db.close();
  });
});

describe('rse items', () => {
  it('upserts on replay, groups comments under their post and dates the post by activity', () => {
    const { db, writer } = freshDb();
    const batch = {
      items: [
        comment('c1', 'p1', '2026-01-03T00:00:00.000Z'),
        post('p1', '2026-01-01T00:00:00.000Z'),
      ],
      deleted: [],
    };
    for (let i = 0; i < 3; i++) writer.write((d) => applyActivity(db, 'w', batch, d));
    // A comment whose post is not stored (an unfollowed space) is dropped.
    writer.write((d) =>
      applyActivity(db, 'w', { items: [comment('c9', 'nope', '2026')], deleted: [] }, d),
    );
    expect(db.prepare('SELECT count(*) AS n FROM rse_items').get()).toEqual({ n: 2 });
    const [item] = timelinePage(db, { limit: 10, unreadOnly: false }).items;
    expect(item).toMatchObject({
      kind: 'rse-post',
      date: '2026-01-03T00:00:00.000Z',
      commentCount: 1,
      unread: true,
    });

    markPostRead(db, Number(item!.postId), true, { add: () => undefined } as never);
    writer.write((d) => applyActivity(db, 'w', batch, d)); // a replay keeps the read state
    expect(timelinePage(db, { limit: 10, unreadOnly: true }).items).toEqual([]);

    writer.write((d) =>
      applyActivity(db, 'w', { items: [], deleted: [{ kind: 'post', remoteId: 'p1' }] }, d),
    );
    expect(timelinePage(db, { limit: 10, unreadOnly: false }).items).toEqual([]);
    expect(listComments(db, Number(item!.postId))).toHaveLength(1);
  });
});

describe('timeline with mail and RSE', () => {
  it('pages newest first across both sources, each row exactly once, ties included', () => {
    const { db, writer } = freshDb();
    insertAccount(db, { id: 'a', name: 'Mail', kind: 'imap', imap: IMAP, createdAt: '1' });
    const addThread = db.prepare(
      "INSERT INTO threads (account_id, subject, latest_date, message_count, unread_count, flagged_count) VALUES ('a', ?, ?, 1, 1, 0)",
    );
    const items: RemoteItem[] = [];
    for (let i = 0; i < 20; i++) {
      const date = `2026-01-${String(10 + (i % 7)).padStart(2, '0')}T00:00:00.000Z`; // many ties
      addThread.run(`t${i}`, date);
      items.push(post(`p${i}`, date));
    }
    writer.write((d) => applyActivity(db, 'w', { items, deleted: [] }, d));
    const seen: string[] = [];
    const dates: string[] = [];
    let before;
    do {
      const page = timelinePage(db, { limit: 6, unreadOnly: false, before });
      seen.push(...page.items.map((i) => i.id));
      dates.push(...page.items.map((i) => i.date));
      before = page.next;
    } while (before);
    expect(seen).toHaveLength(40);
    expect(new Set(seen).size).toBe(40);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('reads RSE posts through the activity index, with the joins the timeline uses', () => {
    const { db } = freshDb();
    for (const sql of [RSE_FIRST_PAGE, RSE_NEXT_PAGE]) {
      const plan = db
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all({ beforeDate: '2026', beforeId: 1, unreadOnly: 0, limit: 50 }) as { detail: string }[];
      const details = plan.map((p) => p.detail).join('\n');
      expect(details).toMatch(/rse_posts_by_activity/);
      expect(details).not.toMatch(/TEMP B-TREE/);
    }
  });
});
