// Feeds end to end, as a user runs them: a real WordPress (MariaDB + php -S), its posts
// and comments feeds discovered from the home page, the real `passerelle` CLI as a child
// process per command, and a throwaway profile. Content is written over REST between
// syncs, so only the feeds can bring it into the timeline.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RseSpace, TimelineItem } from '../../shared/domain';
import { CLI } from '../harness/app-server';
import { startWordPress, type WordPressServer } from '../harness/wordpress';

const run = promisify(execFile);
let wp: WordPressServer;
let profile: string;

// The user's poll interval wins over WordPress's sy:updatePeriod (hourly); each feed is
// still fetched at most every 5 s, so syncs are spaced by that much.
const env = { PASSERELLE_RSE_POLL_MS: '1000' };
const FEED_MIN_INTERVAL_MS = 5_000;

async function cli(args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, '--profile', profile, ...args], {
      env: { ...process.env, ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function sync() {
  await new Promise((r) => setTimeout(r, FEED_MIN_INTERVAL_MS + 200));
  const result = await cli(['sync', '--once']);
  expect(result.code, result.stderr).toBe(0);
}

async function timeline(): Promise<TimelineItem[]> {
  const result = await cli(['timeline', '--json', '--limit', '200']);
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as TimelineItem[]).filter((i) => i.network === 'feed');
}

beforeAll(async () => {
  wp = await startWordPress();
  profile = mkdtempSync(join(tmpdir(), 'passerelle-feed-cli-'));
}, 120_000);

afterAll(async () => {
  await wp?.stop();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('passerelle CLI reading a real WordPress through its feeds', () => {
  it('adds the site: its posts and comments feeds are discovered and followed', async () => {
    const added = await cli([
      'account',
      'add',
      'feed',
      '--name',
      'Blog',
      '--url',
      wp.url,
      '--json',
    ]);
    expect(added.code, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ kind: 'feed', rse: { url: wp.url } });
    const spaces = JSON.parse(
      (await cli(['spaces', '--account', 'Blog', '--json'])).stdout,
    ) as RseSpace[];
    expect(spaces.map((s) => s.remoteId).sort()).toEqual([
      `${wp.url}/?feed=comments-rss2`,
      `${wp.url}/?feed=rss2`,
    ]);
    expect(spaces.every((s) => s.followed)).toBe(true);
  });

  it('brings posts and comments written between two syncs, grouped, without duplicates', async () => {
    await sync();
    expect((await timeline()).map((i) => i.title)).toEqual(['Hello world!']);

    const post = await wp.createPost({
      title: 'Quarterly results',
      content: '<p>Up <b>12%</b></p>',
    });
    const first = await wp.createComment({ post: post.id, content: 'Well done' });
    await wp.createComment({ post: post.id, content: 'Agreed', parent: first.id });
    await sync();
    let items = await timeline();
    expect(items.map((i) => i.title)).toEqual(['Quarterly results', 'Hello world!']);
    expect(items[0]).toMatchObject({
      network: 'feed',
      commentCount: 2,
      messageCount: 3,
      unread: true,
      snippet: 'Up 12%',
    });
    expect(items[0]!.permalink).toBe(post.link);
    // WordPress's own first comment lands under its post too.
    expect(items[1]).toMatchObject({ commentCount: 1 });

    await sync();
    items = await timeline();
    expect(items.map((i) => [i.title, i.commentCount])).toEqual([
      ['Quarterly results', 2],
      ['Hello world!', 1],
    ]);
  });

  it('updates the item when a post is edited, instead of adding one', async () => {
    const [quarterly] = (await wp.rest<{ id: number }[]>('GET', '/wp/v2/posts?search=Quarterly'))!;
    // WordPress's Last-Modified has one-second resolution: edit in a later second.
    await new Promise((r) => setTimeout(r, 1100));
    await wp.editPost(quarterly!.id, { title: 'Quarterly results (revised)', content: 'Up 13%' });
    await sync();
    const items = await timeline();
    expect(items.map((i) => i.title)).toEqual(['Quarterly results (revised)', 'Hello world!']);
    expect(items[0]).toMatchObject({ snippet: 'Up 13%', commentCount: 2 });
  });

  it('finds feed items with search', async () => {
    const found = await cli(['search', 'revised', '--json']);
    expect(found.code, found.stderr).toBe(0);
    expect(found.stdout).toContain('Quarterly results (revised)');
  });
});
