// WordPress end to end, as a user runs it: a real WordPress (MariaDB + php -S), the real
// `passerelle` CLI as a child process per command, and a throwaway profile.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RseSpace, TimelineItem } from '../../shared/domain';
import { CLI, stopProcess } from '../harness/app-server';
import { startWordPress, type WordPressServer } from '../harness/wordpress';

const run = promisify(execFile);
let wp: WordPressServer;
let profile: string;
let engineering: number;

async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
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

async function timeline(): Promise<TimelineItem[]> {
  const result = await cli(['timeline', '--json', '--limit', '200']);
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as TimelineItem[]).filter((i) => i.kind === 'rse-post');
}

const addArgs = (name: string) => [
  'account',
  'add',
  'wordpress',
  '--name',
  name,
  '--url',
  wp.url,
  '--user',
  'admin',
  '--password-env',
  'TEST_WP_PASSWORD',
];

beforeAll(async () => {
  wp = await startWordPress();
  profile = mkdtempSync(join(tmpdir(), 'passerelle-rse-cli-'));
  engineering = await wp.createCategory('Engineering');
  await wp.createCategory('Social');
  await wp.createPost({
    title: 'Before we joined',
    content: 'Old news',
    categories: [engineering],
  });
}, 120_000);

afterAll(async () => {
  await wp?.stop();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('passerelle CLI against a real WordPress', () => {
  it('refuses a wrong application password as an authentication failure', async () => {
    const result = await cli(addArgs('Bad'), { TEST_WP_PASSWORD: 'abcd efgh ijkl mnop qrst uvwx' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/refused the credentials/);
    expect(JSON.parse((await cli(['account', 'list', '--json'])).stdout)).toEqual([]);
  });

  it('adds the site (API discovered), lists categories as spaces and follows one', async () => {
    const added = await cli([...addArgs('Intranet'), '--json'], {
      TEST_WP_PASSWORD: wp.appPassword,
    });
    expect(added.code, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({
      kind: 'wordpress',
      rse: { url: wp.url, user: 'admin' },
    });

    const spaces = JSON.parse(
      (await cli(['spaces', '--account', 'Intranet', '--json'])).stdout,
    ) as RseSpace[];
    expect(spaces.map((s) => [s.name, s.followed])).toEqual([
      ['Engineering', false],
      ['Social', false],
      ['Uncategorized', false],
    ]);
    const followed = await cli(['follow', 'Intranet:Engineering']);
    expect(followed.code, followed.stderr).toBe(0);
    const after = JSON.parse(
      (await cli(['spaces', '--account', 'Intranet', '--json'])).stdout,
    ) as RseSpace[];
    expect(after.find((s) => s.name === 'Engineering')?.followed).toBe(true);
  });

  it('shows posts and threaded comments after a sync, and nothing twice after more syncs', async () => {
    const post = await wp.createPost({
      title: 'Release 2.0',
      content: '<p>Shipping <b>today</b></p>',
      categories: [engineering],
    });
    await wp.createPost({
      title: 'Party',
      content: 'Friday',
      categories: [
        (await wp.rest<{ id: number }[]>('GET', '/wp/v2/categories?search=Social'))[0]!.id,
      ],
    });
    const first = await wp.createComment({ post: post.id, content: 'Congrats!' });
    await wp.createComment({ post: post.id, content: 'Thanks', parent: first.id });

    for (let i = 0; i < 2; i++) expect((await cli(['sync', '--once'])).code).toBe(0);
    const items = await timeline();
    expect(items.map((i) => i.title)).toEqual(['Release 2.0', 'Before we joined']);
    const release = items[0]!;
    expect(release).toMatchObject({
      spaceName: 'Engineering',
      network: 'wordpress',
      commentCount: 2,
      messageCount: 3,
      unread: true,
      snippet: 'Shipping today',
    });
    expect(release.permalink).toMatch(/^http:\/\/127\.0\.0\.1/);
  });

  it('reflects edits and deletions made on the server', async () => {
    const doomed = await wp.createPost({
      title: 'Draft idea',
      content: 'maybe',
      categories: [engineering],
    });
    const edited = await wp.createPost({
      title: 'Typo titel',
      content: 'v1',
      categories: [engineering],
    });
    expect((await cli(['sync', '--once'])).code).toBe(0);
    expect((await timeline()).map((i) => i.title)).toContain('Draft idea');

    // WordPress dates have one-second resolution: make the edit land in a later second.
    await new Promise((r) => setTimeout(r, 1100));
    await wp.editPost(edited.id, { title: 'Typo title', content: 'v2' });
    await wp.deletePost(doomed.id);
    expect((await cli(['sync', '--once'])).code).toBe(0);
    const titles = (await timeline()).map((i) => i.title);
    expect(titles).toContain('Typo title');
    expect(titles).not.toContain('Typo titel');
    expect(titles).not.toContain('Draft idea');
    expect(new Set(titles).size).toBe(titles.length);
  });

  it('keeps the application password out of the database', () => {
    for (const file of readdirSync(profile)) {
      if (file === 'secrets.json') continue;
      expect(readFileSync(join(profile, file)).includes(wp.appPassword), file).toBe(false);
    }
  });

  it('`passerelle sync` picks up a new post within the poll interval', async () => {
    const child = spawn(process.execPath, [CLI, '--profile', profile, 'sync'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PASSERELLE_RSE_POLL_MS: '5000' },
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    try {
      // Past start-up and the first read, so only a later poll can find the post.
      await new Promise((r) => setTimeout(r, 4000));
      await wp.createPost({ title: 'Live update', content: 'polled', categories: [engineering] });
      const deadline = Date.now() + 15_000;
      let titles: (string | undefined)[] = [];
      while (Date.now() < deadline) {
        titles = (await timeline()).map((i) => i.title);
        if (titles[0] === 'Live update') break;
        await new Promise((r) => setTimeout(r, 500));
      }
      expect(titles[0], stderr).toBe('Live update');
    } finally {
      await stopProcess(child, 10_000);
    }
  });

  it('reads nothing more from a space after unfollow', async () => {
    const unfollowed = await cli(['unfollow', 'Intranet:Engineering']);
    expect(unfollowed.code, unfollowed.stderr).toBe(0);
    await wp.createPost({ title: 'After unfollow', content: 'x', categories: [engineering] });
    expect((await cli(['sync', '--once'])).code).toBe(0);
    expect((await timeline()).map((i) => i.title)).not.toContain('After unfollow');
  });
});
