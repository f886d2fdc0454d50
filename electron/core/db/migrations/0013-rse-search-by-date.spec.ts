// Migration 0013 and the walk it serves: a common word is searched by walking items newest
// first (rse_items_by_date), a rare one by grouping its matches. Both must give the same
// posts, in the same order, with paging that loses and repeats nothing.
import { describe, expect, it } from 'vitest';
import { parseSearchQuery } from '../../../../shared/search-query';
import type { SearchHit } from '../../../../shared/requests/search';
import type { RemoteItem } from '../../rse/connector';
import { insertAccount } from '../accounts';
import { migrate, openDatabase, schemaVersion, type Db } from '../connection';
import { Writer } from '../deltas';
import { applyActivity } from '../rse-items';
import { searchRse } from '../rse-search';
import { migrations } from './index';

const POSTS = 400;

function item(remoteId: string, minute: number, body: string, extra: Partial<RemoteItem> = {}) {
  return {
    kind: 'post',
    remoteId,
    spaceRemoteId: 'd',
    postRemoteId: null,
    parentRemoteId: null,
    author: { name: 'Ann' },
    title: null,
    bodyHtml: body,
    createdAt: new Date(Date.UTC(2026, 0, 1) + minute * 60_000).toISOString(),
    editedAt: null,
    permalink: null,
    mentionsMe: false,
    ...extra,
  } satisfies RemoteItem;
}

/** 400 posts with 3 comments each; "common" is in every item, "rare" in one post in 10. */
function fill(db: Db): void {
  insertAccount(db, {
    id: 'w',
    name: 'Intranet',
    kind: 'wordpress',
    rse: { url: 'x' },
    createdAt: '',
  });
  const items: RemoteItem[] = [];
  for (let p = 0; p < POSTS; p++) {
    // Every 7th post shares its date with the one before: ties across posts.
    const minute = (p - (p % 7 === 6 ? 1 : 0)) * 10;
    items.push(item(`p${p}`, minute, `common ${p % 10 === 0 ? 'rare' : ''}`));
    for (let c = 0; c < 3; c++) {
      // Comments land later, interleaved with newer posts; some at one instant.
      items.push(
        item(`c${p}-${c}`, minute + 1 + ((p * 7 + c * 13) % 40), `common reply ${c}`, {
          kind: 'comment',
          spaceRemoteId: null,
          postRemoteId: `p${p}`,
        }),
      );
    }
  }
  new Writer(db).write((deltas) => applyActivity(db, 'w', { items, deleted: [] }, deltas));
}

/** Every page of a query, following the cursor. */
function allPages(db: Db, q: string, limit: number): SearchHit[] {
  const parsed = parseSearchQuery(q);
  const hits: SearchHit[] = [];
  let page = searchRse(db, parsed, { limit });
  hits.push(...page.items);
  while (page.next) {
    page = searchRse(db, parsed, { limit, before: page.next });
    hits.push(...page.items);
  }
  return hits;
}

/** The expected order, straight from SQL: posts by their newest item, then higher id. */
function expected(db: Db, where = '1'): { id: string; date: string }[] {
  return (
    db
      .prepare(
        `SELECT coalesce(post_id, id) AS post, max(created_at) AS at FROM rse_items
        WHERE deleted = 0 AND ${where} GROUP BY post ORDER BY at DESC, post DESC`,
      )
      .all() as { post: number; at: string }[]
  ).map((r) => ({ id: `rse-post:${r.post}`, date: r.at }));
}

const shape = (hits: SearchHit[]) => hits.map((h) => ({ id: h.id, date: h.date }));

describe('migration 0013 (RSE search by date)', () => {
  it('adds the index to a version 12 database', () => {
    const db = openDatabase(
      ':memory:',
      migrations.filter((m) => m.version < 13),
    );
    fill(db);
    migrate(
      db,
      migrations.filter((m) => m.version <= 13),
    );
    expect(schemaVersion(db)).toBe(13);
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT id FROM rse_items INDEXED BY rse_items_by_date
        WHERE deleted = 0 ORDER BY created_at DESC, id DESC`,
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('rse_items_by_date');
    expect(shape(allPages(db, 'common', 50))).toEqual(expected(db));
    db.close();
  });

  it('walks a common word by date with the same pages as grouping a rare one', () => {
    const db = openDatabase(':memory:');
    fill(db);
    // 1,600 matching items: the walk. Every post exactly once, newest match first.
    for (const limit of [1, 7, 50]) {
      const hits = allPages(db, 'common', limit);
      expect(shape(hits)).toEqual(expected(db));
      expect(new Set(hits.map((h) => h.id)).size).toBe(POSTS);
    }
    // Comments alone: a post is dated by its newest matching comment.
    expect(shape(allPages(db, 'common reply', 30))).toEqual(expected(db, "kind = 'comment'"));
    // 40 matching items: grouped, same contract.
    expect(shape(allPages(db, 'rare', 7))).toEqual(
      expected(db, "kind = 'post' AND body_html LIKE '%rare%'"),
    );
    // A negation and a date filter go through the walk too.
    expect(shape(allPages(db, 'common -reply', 50))).toEqual(expected(db, "kind = 'post'"));
    expect(shape(allPages(db, 'common after:2026-01-02', 50))).toEqual(
      expected(db, "created_at >= '2026-01-02'"),
    );
    db.close();
  });

  it('ends a page at a mail cursor: posts at that instant come before the mail', () => {
    const db = openDatabase(':memory:');
    fill(db);
    const all = expected(db);
    const at = all[20]!.date;
    const page = searchRse(db, parseSearchQuery('common'), {
      limit: 500,
      before: { date: at, id: '12345' },
    });
    expect(shape(page.items)).toEqual(all.filter((h) => h.date < at));
    db.close();
  });
});
