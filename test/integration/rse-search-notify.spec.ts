// RSE items in search and notifications, end to end: a real WordPress (posts and comments
// made over REST by another user than the account's), the real `passerelle` CLI.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchHit } from '../../shared/requests/search';
import { startWordPress, type WordPressServer } from '../harness/wordpress';
import { cli, settle, startNotifyingSync, type NotifyingSync } from './notify-cli';
import { waitUntil } from './wait';

let wp: WordPressServer;
let profile: string;
let design: number;
let bob: number;
let sync: NotifyingSync | undefined;

const bobPost = (title: string, content: string) =>
  wp.rest<{ id: number }>('POST', '/wp/v2/posts', {
    status: 'publish',
    title,
    content,
    categories: [design],
    author: bob,
  });

async function search(query: string): Promise<SearchHit[]> {
  return JSON.parse(await cli(profile, ['search', query, '--json'])) as SearchHit[];
}

beforeAll(async () => {
  // The poller reads at the network's minimum (5 s for WordPress) instead of a minute.
  process.env.PASSERELLE_RSE_POLL_MS = '1000';
  wp = await startWordPress();
  profile = mkdtempSync(join(tmpdir(), 'passerelle-rse-search-'));
  design = await wp.createCategory('Design');
  // Someone else writes: the user's own posts and comments never notify them.
  bob = (
    await wp.rest<{ id: number }>('POST', '/wp/v2/users', {
      username: 'bob',
      name: 'Bob Builder',
      email: 'bob@example.test',
      password: 'correct horse battery staple',
      roles: ['author'],
    })
  ).id;
  await bobPost('Moodboard okapi', '<p>Colours for the <strong>okapi</strong> launch</p>');
  await bobPost('Typography', '<p>Serif or sans?</p>');
  await cli(
    profile,
    [
      'account',
      'add',
      'wordpress',
      '--name',
      'Intranet',
      '--url',
      wp.url,
      '--user',
      'admin',
    ].concat(['--password-env', 'TEST_WP_PASSWORD']),
    { TEST_WP_PASSWORD: wp.appPassword },
  );
  await cli(profile, ['follow', 'Intranet:Design']);
}, 180_000);

afterAll(async () => {
  await sync?.stop();
  await wp?.stop();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('RSE notifications with `passerelle sync --notify`', () => {
  it('gives one summary for the first sync of the account', async () => {
    sync = startNotifyingSync(profile);
    await sync.online();
    await waitUntil(() => sync!.printed.length > 0, 10_000, 'the first-sync summary');
    await settle(2_000);
    expect(sync.printed).toHaveLength(1);
    expect(sync.printed[0]).toMatchObject({ title: '2 new in Intranet' });
    expect(sync.printed[0]!.itemIds).toHaveLength(2);
  }, 60_000);

  it('gives exactly one notification for a new post in a followed space, within the poll', async () => {
    const before = sync!.printed.length;
    const created = Date.now();
    await bobPost('Palette review', '<p>The new palette is in</p>');
    await waitUntil(() => sync!.printed.length > before, 15_000, 'the new post notification');
    await settle(3_000);
    const fresh = sync!.printed.slice(before);
    expect(fresh).toHaveLength(1);
    expect(fresh[0]).toMatchObject({ title: 'Bob Builder in #Design', body: 'Palette review' });
    expect(fresh[0]!.itemIds[0]).toMatch(/^rse-post:\d+$/);
    // The WordPress minimum poll (5 s), the coalescer's quiet time and a margin.
    expect(fresh[0]!.at - created).toBeLessThan(9_000);
  }, 60_000);

  it('repeats nothing after a restart', async () => {
    await sync!.stop();
    sync = startNotifyingSync(profile);
    await sync.online();
    await settle(7_000); // more than one poll
    expect(sync.printed).toEqual([]);
    await sync.stop();
    sync = undefined;
  }, 60_000);
});

describe('RSE items in `passerelle search`', () => {
  it('finds posts and, through their comments, posts; source:mail does not', async () => {
    const post = await bobPost('Launch checklist', '<p>Print the <em>brochures</em></p>');
    await wp.rest('POST', '/wp/v2/comments', {
      post: post.id,
      content: 'Do not forget the quokka stickers',
      author_name: 'Carol',
      author_email: 'carol@example.test',
      // Another author's comment is held for moderation unless the admin approves it.
      status: 'approved',
    });
    await cli(profile, ['sync', '--once']);

    const okapi = await search('source:wordpress okapi');
    expect(okapi.map((h) => [h.kind, h.subject, h.mailbox])).toEqual([
      ['rse-post', 'Moodboard okapi', 'Design'],
    ]);
    const quokka = await search('source:wordpress quokka');
    expect(quokka.map((h) => [h.subject, h.from?.name, h.messageCount])).toEqual([
      ['Launch checklist', 'Carol', 2],
    ]);
    expect(await search('from:carol in:design')).toHaveLength(1);
    expect(await search('source:mail okapi')).toEqual([]);
    expect(await search('strong')).toEqual([]); // tags are not words
    // The plain output lists the hit too.
    expect(await cli(profile, ['search', 'brochures'])).toMatch(
      /Design\s+Bob Builder\s+Launch checklist/,
    );
  }, 60_000);
});
