// The WordPress connector through the core's contract, in process: writing posts with
// media and threaded comments, reading them back after a sync, read state.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core-types';
import { startWordPress, type WordPressServer } from '../harness/wordpress';
import { openTestCore } from '../harness/test-core';

// A 1×1 transparent PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

let wp: WordPressServer;
let profile: string;
let core: Core;
let accountId: string;

beforeAll(async () => {
  wp = await startWordPress();
  await wp.createCategory('Announcements');
  profile = mkdtempSync(join(tmpdir(), 'passerelle-rse-core-'));
  core = await openTestCore(profile);
  const account = await core.handlers['accounts.addRse']({
    kind: 'wordpress',
    name: 'Intranet',
    url: wp.url,
    user: 'admin',
    secret: wp.appPassword,
  });
  accountId = account.id;
  await core.handlers['rse.follow']({ accountId, spaceId: 'Announcements' });
}, 120_000);

afterAll(async () => {
  await core?.dispose();
  await wp?.stop();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('WordPress through the core', () => {
  it('creates a post with an uploaded image, and a threaded comment, visible after a sync', async () => {
    const post = await core.handlers['rse.createPost']({
      accountId,
      spaceId: 'Announcements',
      title: 'Office move',
      bodyHtml: '<p>We move on Monday.</p>',
      attachments: [
        { filename: 'plan.png', contentType: 'image/png', dataBase64: PNG.toString('base64') },
      ],
    });
    expect(post).toMatchObject({ kind: 'post', title: 'Office move', read: true });
    const media = await wp.rest<{ source_url: string }[]>('GET', '/wp/v2/media');
    expect(media).toHaveLength(1);
    expect(post.bodyHtml).toContain(media[0]!.source_url);

    const top = await core.handlers['rse.createComment']({
      postId: post.id,
      bodyHtml: 'Which floor?',
    });
    const reply = await core.handlers['rse.createComment']({
      postId: post.id,
      parentId: top.id,
      bodyHtml: 'Third.',
    });
    expect(reply.parentRemoteId).toBe(top.remoteId);

    // Someone else answers on the server; the sync brings it in under the same post.
    await wp.createComment({
      post: Number(post.remoteId),
      content: 'Thanks!',
      parent: Number(reply.remoteId),
    });
    await core.handlers['sync.now']({ accountId });
    await core.handlers['sync.now']({ accountId });

    const detail = await core.handlers['rse.getPost']({ postId: post.id });
    expect(detail?.spaceName).toBe('Announcements');
    expect(detail?.comments.map((c) => [c.bodyHtml.trim(), c.parentRemoteId])).toEqual([
      ['<p>Which floor?</p>', null],
      ['<p>Third.</p>', top.remoteId],
      ['<p>Thanks!</p>', reply.remoteId],
    ]);
    const page = await core.handlers['timeline.page']({ limit: 50, unreadOnly: false });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ kind: 'rse-post', commentCount: 3, unread: true });
  });

  it('marks a post read locally, with its comments', async () => {
    const [item] = (await core.handlers['timeline.page']({ limit: 5, unreadOnly: true })).items;
    await core.handlers['rse.markRead']({ postId: item!.postId!, read: true });
    expect((await core.handlers['timeline.page']({ limit: 5, unreadOnly: true })).items).toEqual(
      [],
    );
    const detail = await core.handlers['rse.getPost']({ postId: item!.postId! });
    expect(detail?.comments.every((c) => c.read)).toBe(true);
  });

  it('reports a revoked application password as an authentication failure on the account', async () => {
    await wp.rest('DELETE', '/wp/v2/users/1/application-passwords');
    await expect(core.handlers['sync.now']({ accountId })).rejects.toThrow(/credentials/);
    const [account] = await core.handlers['accounts.list']({});
    expect(account?.status.kind).toBe('auth-failed');
  });
});
