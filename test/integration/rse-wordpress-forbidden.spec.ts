// A permission refusal has its own code: a WordPress subscriber (signed in, allowed to
// read, not to publish) creating a post gets 'forbidden' from the core, not 'unavailable'
// nor 'auth-failed', while a wrong application password still gets 'auth-failed'.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core-types';
import { startWordPress, type WordPressServer } from '../harness/wordpress';
import { openTestCore } from '../harness/test-core';

let wp: WordPressServer;
let profile: string;
let core: Core;
let subscriberPassword: string;

beforeAll(async () => {
  wp = await startWordPress();
  await wp.createCategory('Announcements');
  const user = await wp.rest<{ id: number }>('POST', '/wp/v2/users', {
    username: 'sam',
    email: 'sam@example.com',
    password: 'sam-login-password-1',
    roles: ['subscriber'],
  });
  const app = await wp.rest<{ password: string }>(
    'POST',
    `/wp/v2/users/${user.id}/application-passwords`,
    { name: 'passerelle-tests' },
  );
  subscriberPassword = app.password;
  profile = mkdtempSync(join(tmpdir(), 'passerelle-wp-forbidden-'));
  core = await openTestCore(profile);
}, 120_000);

afterAll(async () => {
  await core?.dispose();
  await wp?.stop();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('WordPress permissions', () => {
  it('reports a subscriber posting as forbidden, and a wrong password as auth-failed', async () => {
    await expect(
      core.handlers['accounts.addRse']({
        kind: 'wordpress',
        name: 'Wrong',
        url: wp.url,
        user: 'sam',
        secret: 'abcd efgh ijkl mnop qrst uvwx',
      }),
    ).rejects.toMatchObject({ code: 'auth-failed' });

    const account = await core.handlers['accounts.addRse']({
      kind: 'wordpress',
      name: 'Intranet',
      url: wp.url,
      user: 'sam',
      secret: subscriberPassword,
    });
    await core.handlers['rse.follow']({ accountId: account.id, spaceId: 'Announcements' });
    const refused = core.handlers['rse.createPost']({
      accountId: account.id,
      spaceId: 'Announcements',
      title: 'Not mine to publish',
      bodyHtml: '<p>A subscriber may not post.</p>',
      attachments: [],
    });
    await expect(refused).rejects.toMatchObject({ code: 'forbidden' });
    await expect(refused).rejects.toThrow(/not allowed/);
    // Nothing was published.
    const posts = await wp.rest<{ title: { rendered: string } }[]>('GET', '/wp/v2/posts');
    expect(posts.map((p) => p.title.rendered)).not.toContain('Not mine to publish');
  });
});
