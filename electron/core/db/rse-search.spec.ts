// RSE search (migration 0012 and db/rse-search.ts): the index follows every write, HTML is
// searched as text, a comment brings up its post, the operators mean what they mean for
// mail, and mail and RSE hits merge newest first with paging that loses nothing.
import { beforeEach, describe, expect, it } from 'vitest';
import { parseSearchQuery } from '../../../shared/search-query';
import type { RemoteItem } from '../rse/connector';
import { insertAccount } from './accounts';
import { migrate, openDatabase, type Db } from './connection';
import { Writer } from './deltas';
import { createSqliteMailStore } from './mail-store-sqlite';
import { migrations } from './migrations';
import { applyActivity } from './rse-items';
import { searchAll } from './rse-search';
import { replaceSpaces } from './rse-spaces';

let db: Db;
let writer: Writer;

function item(remoteId: string, day: number, extra: Partial<RemoteItem> = {}): RemoteItem {
  return {
    kind: 'post',
    remoteId,
    spaceRemoteId: 'd',
    postRemoteId: null,
    parentRemoteId: null,
    author: { name: 'Ann Author' },
    title: `Post ${remoteId}`,
    bodyHtml: `<p>Body of <strong>${remoteId}</strong> &amp; more</p>`,
    createdAt: new Date(Date.UTC(2026, 2, day)).toISOString(),
    editedAt: null,
    permalink: null,
    mentionsMe: false,
    ...extra,
  };
}
const comment = (remoteId: string, post: string, day: number, body: string): RemoteItem =>
  item(remoteId, day, {
    kind: 'comment',
    spaceRemoteId: null,
    postRemoteId: post,
    title: null,
    bodyHtml: body,
    author: { name: 'Carl' },
  });

const apply = (accountId: string, items: RemoteItem[], deleted: RemoteItem[] = []) =>
  writer.write((deltas) =>
    applyActivity(db, accountId, { items, deleted: deleted.map((d) => ({ ...d })) }, deltas),
  );
const search = (q: string, limit = 50, before?: { date: string; id: string }) =>
  searchAll(db, parseSearchQuery(q), { limit, ...(before ? { before } : {}) });
const ids = (q: string) => search(q).items.map((h) => h.id);

beforeEach(() => {
  db = openDatabase(':memory:');
  writer = new Writer(db);
  insertAccount(db, {
    id: 'w',
    name: 'Intranet',
    kind: 'wordpress',
    rse: { url: 'http://x' },
    createdAt: '1',
  });
  insertAccount(db, {
    id: 'm',
    name: 'Chat',
    kind: 'mattermost',
    rse: { url: 'y' },
    createdAt: '1',
  });
  insertAccount(db, {
    id: 'acc',
    name: 'Work',
    kind: 'imap',
    imap: { host: 'h', port: 1, tls: 'tls', user: 'u' },
    createdAt: '',
  } as Parameters<typeof insertAccount>[1]);
  writer.write((deltas) => {
    replaceSpaces(
      db,
      'w',
      [
        { remoteId: 'd', name: 'Design' },
        { remoteId: 'o', name: 'Ops' },
      ],
      deltas,
    );
    replaceSpaces(db, 'm', [{ remoteId: 'd', name: 'town-square' }], deltas);
  });
  apply('w', [
    item('1', 1, { title: 'Roadmap zebra' }),
    item('2', 3, { spaceRemoteId: 'o', title: 'Outage' }),
    comment('10', '1', 5, '<p>The <em>zebra</em> plan looks good</p>'),
  ]);
  apply('m', [item('1', 2, { title: null, bodyHtml: 'zebra crossing', author: { name: 'Mia' } })]);
  createSqliteMailStore(writer).saveMessages(
    'acc',
    'INBOX',
    [
      {
        uid: 1,
        messageId: '<z@x>',
        inReplyTo: null,
        references: [],
        subject: 'Zebra by mail',
        from: { name: 'Ada', address: 'ada@example.com' },
        to: [],
        cc: [],
        date: new Date(Date.UTC(2026, 2, 4)).toISOString(),
        flags: ['\\Seen'],
        size: 1,
        snippet: '',
        bodyText: 'zebra',
      },
    ],
    {},
  );
});

describe('RSE search', () => {
  it('merges mail and RSE newest first; a comment brings up its post once', () => {
    const hits = search('zebra').items;
    expect(hits.map((h) => [h.kind, h.subject, h.date.slice(0, 10)])).toEqual([
      ['rse-post', 'Roadmap zebra', '2026-03-05'],
      ['mail-message', 'Zebra by mail', '2026-03-04'],
      ['rse-post', 'zebra crossing', '2026-03-02'],
    ]);
    expect(hits[0]).toMatchObject({ mailbox: 'Design', network: 'wordpress', messageCount: 2 });
    expect(hits[0]!.from?.name).toBe('Carl'); // the newest matching item: the comment
  });

  it('filters by source, space, author and title', () => {
    expect(search('source:mail zebra').items.map((h) => h.kind)).toEqual(['mail-message']);
    expect(search('source:wordpress zebra').items.map((h) => h.subject)).toEqual(['Roadmap zebra']);
    expect(search('source:mattermost zebra').items).toHaveLength(1);
    expect(search('source:feed zebra').items).toEqual([]);
    expect(ids('in:ops outage')).toHaveLength(1);
    expect(ids('in:#design outage')).toEqual([]);
    expect(ids('from:mia')).toHaveLength(1);
    expect(ids('from:carl source:wordpress')).toHaveLength(1);
    expect(ids('subject:outage')).toHaveLength(1);
    expect(ids('to:ada zebra')).toEqual([]);
    expect(ids('design outage')).toEqual([]); // the space's name is indexed: Outage is in Ops
    expect(ids('ops outage')).toHaveLength(1);
  });

  it('searches the text of HTML, not its tags or entities', () => {
    expect(ids('strong')).toEqual([]);
    expect(ids('em source:wordpress')).toEqual([]);
    expect(ids('amp')).toEqual([]);
    expect(ids('"body of 2"')).toHaveLength(1);
  });

  it('follows edits, deletions and space renames', () => {
    apply('w', [item('2', 3, { spaceRemoteId: 'o', title: 'Incident' })]);
    expect(ids('outage')).toEqual([]);
    expect(ids('incident')).toHaveLength(1);
    writer.write((deltas) =>
      replaceSpaces(
        db,
        'w',
        [
          { remoteId: 'd', name: 'Design' },
          { remoteId: 'o', name: 'Infra' },
        ],
        deltas,
      ),
    );
    expect(ids('infra incident')).toHaveLength(1);
    apply('w', [], [item('2', 3)]);
    expect(ids('incident')).toEqual([]);
  });

  it('pages through the merged list without losing or repeating a hit', () => {
    const seen: string[] = [];
    let before: { date: string; id: string } | undefined;
    for (let page = 0; page < 5; page++) {
      const result = search('zebra', 1, before);
      seen.push(...result.items.map((h) => h.id));
      if (!result.next) break;
      before = result.next;
    }
    expect(seen).toEqual(search('zebra').items.map((h) => h.id));
    expect(seen).toHaveLength(3);
  });
});

describe('migration 0012 (rse search)', () => {
  it('indexes the RSE items of a version 11 database', () => {
    const old = openDatabase(
      ':memory:',
      migrations.filter((m) => m.version < 12),
    );
    old.exec(`
      INSERT INTO accounts (id, name, kind, settings, created_at) VALUES ('w', 'Intranet', 'wordpress', '{}', '');
      INSERT INTO rse_spaces (account_id, remote_id, name) VALUES ('w', 'd', 'Design');
      INSERT INTO rse_items (id, account_id, kind, remote_id, space_remote_id, author_name,
        title, body_html, created_at) VALUES
        (5, 'w', 'post', '1', 'd', 'Ann', 'Hello', '<p>Brave &amp; <b>new</b> world', '2026-01-01T00:00:00Z');
      INSERT INTO rse_items (id, account_id, kind, remote_id, post_id, author_name, body_html,
        created_at, deleted) VALUES (6, 'w', 'comment', '2', 5, 'Bob', 'gone', '2026-01-02T00:00:00Z', 1);
    `);
    migrate(old, migrations);
    const hit = (q: string) =>
      old.prepare('SELECT rowid FROM rse_items_fts WHERE rse_items_fts MATCH ?').all(q);
    expect(hit('brave new world')).toEqual([{ rowid: 5 }]);
    expect(hit('space : design AND author : ann')).toEqual([{ rowid: 5 }]);
    expect(hit('b OR p OR amp OR gone')).toEqual([]);
    old.close();
  });
});
