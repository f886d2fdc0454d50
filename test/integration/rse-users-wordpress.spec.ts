// WordPress' user directory against a real WordPress, and @-credits in a conversion from
// a real Dovecot: an administrator's account searches and matches addresses (edit
// context); an author's account, which WordPress does not show addresses, matches by name.
// A converted thread credits the participant who is a WordPress user with a link to
// their author page, and a failing directory still lets the conversion through.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../electron/core/core-types';
import { RseError } from '../../electron/core/rse/errors';
import { WordPressConnector } from '../../electron/core/rse/wordpress/connector';
import { startDovecot, type DovecotServer } from '../harness/dovecot';
import { startWordPress, type WordPressServer } from '../harness/wordpress';
import { dovecotAccount, openTestCore } from '../harness/test-core';

const message = (from: string, id: string, extra: string, text: string) =>
  [
    `From: ${from}`,
    'To: Team <team@example.test>',
    'Subject: Re: Launch plan',
    'Date: Tue, 03 Mar 2026 09:00:00 +0000',
    `Message-ID: <${id}@example.test>`,
    extra,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    text,
  ]
    .filter(Boolean)
    .join('\r\n');

interface WpUserRow {
  id: number;
  link: string;
}

let dovecot: DovecotServer;
let wp: WordPressServer;
let profile: string;
let core: Core;
let rseId: string;
let threadId: string;
let grace: WpUserRow;
let carol: WpUserRow;
let authorPassword: string;

beforeAll(async () => {
  [dovecot, wp] = await Promise.all([startDovecot(), startWordPress()]);
  const user = (username: string, name: string, role: string) =>
    wp.rest<WpUserRow>('POST', '/wp/v2/users', {
      username,
      name,
      email: `${username}@example.test`,
      password: `pw-${username}-${Date.now()}`,
      roles: [role],
    });
  grace = await user('grace', 'Grace Hopper', 'author');
  carol = await user('carol', 'Carol Danvers', 'author');
  // Authors' accounts only see users who have published something.
  await wp.rest('POST', '/wp/v2/posts', {
    title: 'Hello from Carol',
    content: 'Hi',
    status: 'publish',
    author: carol.id,
  });
  authorPassword = (
    await wp.rest<{ password: string }>('POST', `/wp/v2/users/${grace.id}/application-passwords`, {
      name: 'passerelle-tests',
    })
  ).password;
  await wp.createCategory('Launch');

  await dovecot.deliver(
    message('Grace Hopper <GRACE@example.test>', 'launch-1', '', 'Ship it Friday.'),
  );
  await dovecot.deliver(
    message(
      'Someone Else <else@example.test>',
      'launch-2',
      'In-Reply-To: <launch-1@example.test>',
      'Fine by me.',
    ),
  );
  profile = mkdtempSync(join(tmpdir(), 'passerelle-users-'));
  core = await openTestCore(profile);
  const mail = await core.handlers['accounts.addImap'](dovecotAccount(dovecot));
  await core.handlers['sync.now']({ accountId: mail.id });
  const rse = await core.handlers['accounts.addRse']({
    kind: 'wordpress',
    name: 'Intranet',
    url: wp.url,
    user: 'admin',
    secret: wp.appPassword,
  });
  rseId = rse.id;
  const threads = await core.handlers['threads.list']({});
  threadId = threads.find((t) =>
    t.messages.some((m) => m.messageId === '<launch-1@example.test>'),
  )!.id;
}, 180_000);

afterEach(() => vi.restoreAllMocks());

afterAll(async () => {
  await core?.dispose();
  await Promise.all([dovecot?.stop(), wp?.stop()]);
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('WordPress user directory', () => {
  it('suggests users to an administrator, credited by name and linked to their page', async () => {
    const found = await core.handlers['rse.users.search']({
      accountId: rseId,
      query: 'gra',
      limit: 8,
    });
    expect(found).toEqual([
      {
        id: String(grace.id),
        handle: 'grace',
        displayName: 'Grace Hopper',
        mention: 'Grace Hopper',
        url: grace.link,
      },
    ]);
  });

  it('matches an address for an administrator, and only by name for an author', async () => {
    const admin = new WordPressConnector({ url: wp.url, user: 'admin', secret: wp.appPassword });
    const byAddress = await admin.findUsersByEmail([{ email: 'Carol@Example.test' }]);
    expect(byAddress.get('carol@example.test')).toMatchObject({
      handle: 'carol',
      email: 'carol@example.test',
    });

    const author = new WordPressConnector({ url: wp.url, user: 'grace', secret: authorPassword });
    // No address is visible to an author: without a name nothing can match.
    expect((await author.findUsersByEmail([{ email: 'carol@example.test' }])).size).toBe(0);
    const byName = await author.findUsersByEmail([
      { email: 'carol@example.test', name: 'carol  DANVERS' },
      { email: 'nobody@example.test', name: 'Nobody Here' },
    ]);
    expect([...byName.keys()]).toEqual(['carol@example.test']);
    expect(byName.get('carol@example.test')).toMatchObject({
      handle: 'carol',
      profileUrl: carol.link,
    });
    expect(byName.get('carol@example.test')?.email).toBeUndefined();
    expect((await author.searchUsers('car', 5)).map((u) => u.handle)).toEqual(['carol']);
  });

  it("credits a converted thread's participant who is a user with a link to their page", async () => {
    const result = await core.handlers['convert.thread']({
      threadId,
      destination: { accountId: rseId, spaceId: 'Launch' },
      preview: true,
      delayMs: 0,
    });
    if (!('preview' in result)) throw new Error('expected a preview');
    const body = result.preview.parts[0]!;
    expect(body).toContain(`<a href="${grace.link}">Grace Hopper</a>`);
    // Not a user of the network: credited by name only.
    expect(body).toMatch(/Someone Else/u);
    expect(body).not.toMatch(/<a [^>]*>Someone Else/u);
  });

  it('still converts, credited by name, when the directory fails', async () => {
    vi.spyOn(WordPressConnector.prototype, 'findUsersByEmail').mockRejectedValue(
      new RseError('offline', 'Connection refused (simulated).'),
    );
    const other = await core.handlers['accounts.addRse']({
      kind: 'wordpress',
      name: 'Intranet 2',
      url: wp.url,
      user: 'admin',
      secret: wp.appPassword,
    });
    const result = await core.handlers['convert.thread']({
      threadId,
      destination: { accountId: other.id, spaceId: 'Launch' },
      preview: true,
      delayMs: 0,
    });
    if (!('preview' in result)) throw new Error('expected a preview');
    expect(result.preview.problems).toEqual([]);
    expect(result.preview.parts[0]).toMatch(/Participants: Grace Hopper, Someone Else/u);
  });
});
