// Woken snoozes (migration 0016): the 0016 migration from version 13 with data in it, and
// an RSE post woken from a snooze staying on top when its comments are recomputed, until a
// comment newer than the wake-up arrives. The mail side runs against Dovecot in
// test/integration/snooze-wake.spec.ts.
import { describe, expect, it } from 'vitest';
import type { RemoteItem } from '../rse/connector';
import { insertAccount } from './accounts';
import { migrate, openDatabase } from './connection';
import { Writer } from './deltas';
import { migrations } from './migrations';
import { applyActivity } from './rse-items';
import { markWoken, parseItemKey } from './snoozes';
import { timelinePage } from './timeline';

function item(kind: 'post' | 'comment', remoteId: string, createdAt: string, post?: string) {
  return {
    kind,
    remoteId,
    spaceRemoteId: post ? null : '2',
    postRemoteId: post ?? null,
    parentRemoteId: null,
    author: { name: 'Ann' },
    title: post ? null : `Post ${remoteId}`,
    bodyHtml: `<p>${remoteId}</p>`,
    createdAt,
    editedAt: null,
    permalink: null,
    mentionsMe: false,
  } satisfies RemoteItem;
}

const page = (db: ReturnType<typeof openDatabase>) =>
  timelinePage(db, { limit: 10, unreadOnly: false, view: 'all' }).items.map((i) => i.subject);

describe('migration 0016 (woken snoozes)', () => {
  it('adds woken_at to threads and posts from the previous version, keeping their rows', () => {
    const db = openDatabase(
      ':memory:',
      migrations.filter((m) => m.version < 16),
    );
    insertAccount(db, {
      id: 'a',
      name: 'Mail',
      kind: 'imap',
      imap: { host: 'h', port: 1, tls: 'tls', user: 'u' },
      createdAt: '1',
    });
    db.prepare(
      `INSERT INTO threads (account_id, subject, latest_date, message_count, unread_count, flagged_count)
         VALUES ('a', 'Kept', '2026-01-01T00:00:00.000Z', 0, 0, 0)`,
    ).run();
    migrate(db, migrations);
    expect(db.prepare('SELECT subject, woken_at FROM threads').all()).toEqual([
      { subject: 'Kept', woken_at: null },
    ]);
    const columns = db.prepare("SELECT name FROM pragma_table_info('rse_items')").all();
    expect(columns).toContainEqual({ name: 'woken_at' });
  });
});

describe('a woken RSE post', () => {
  it('stays on top through older comments, and yields to newer activity', () => {
    const db = openDatabase(':memory:');
    const writer = new Writer(db);
    insertAccount(db, {
      id: 'w',
      name: 'Intranet',
      kind: 'wordpress',
      rse: { url: 'http://x' },
      createdAt: '1',
    });
    const apply = (...items: RemoteItem[]) =>
      writer.write((d) => applyActivity(db, 'w', { items, deleted: [] }, d));
    apply(
      item('post', 'p1', '2026-03-01T00:00:00.000Z'),
      item('post', 'p2', '2026-03-02T00:00:00.000Z'),
    );
    expect(page(db)).toEqual(['Post p2', 'Post p1']);

    const id = db.prepare("SELECT id FROM rse_items WHERE remote_id = 'p1'").get() as {
      id: number;
    };
    writer.write(() =>
      markWoken(db, parseItemKey(`rse-post:${id.id}`)!, '2026-03-10T00:00:00.000Z'),
    );
    expect(page(db)).toEqual(['Post p1', 'Post p2']);

    // A comment on the woken post recomputes its activity from its comments: it keeps the wake-up.
    apply(item('comment', 'c1', '2026-03-03T00:00:00.000Z', 'p1'));
    apply(item('comment', 'c2', '2026-03-04T00:00:00.000Z', 'p2'));
    expect(page(db)).toEqual(['Post p1', 'Post p2']);

    apply(item('comment', 'c3', '2026-03-11T00:00:00.000Z', 'p2'));
    expect(page(db)).toEqual(['Post p2', 'Post p1']);
  });
});
