// Payloads shaped like the Post, Channel and User examples of Mattermost's v4 spec.
import { describe, expect, it } from 'vitest';
import {
  isDeleted,
  isSpaceChannel,
  mapChannel,
  mapPost,
  mentionKeys,
  mentionsAny,
  postsOf,
  type MmPost,
  type MmUser,
} from './mappers';

const me: MmUser = {
  id: 'u-me',
  username: 'ada',
  first_name: 'Ada',
  last_name: 'Lovelace',
  notify_props: { mention_keys: 'ada,engine', first_name: 'true', channel: 'true' },
};
const bob: MmUser = { id: 'u-bob', username: 'bob', nickname: 'Bobby' };

const post = (extra: Partial<MmPost> = {}): MmPost => ({
  id: 'p1',
  create_at: 1767225600000, // 2026-01-01T00:00:00Z
  update_at: 1767225600000,
  edit_at: 0,
  delete_at: 0,
  user_id: 'u-bob',
  channel_id: 'c1',
  root_id: '',
  message: 'Hello <team>\n\nsee https://example.org/x.',
  type: '',
  ...extra,
});

const ctx = {
  baseUrl: 'https://mm.example',
  users: new Map([[bob.id, bob]]),
  mentionKeys: mentionKeys(me),
  mentionedPostIds: new Set<string>(),
  observedAt: '2026-02-01T00:00:00.000Z',
};

describe('Mattermost mappers', () => {
  it('maps a root post with escaped, linked text and a permalink', () => {
    expect(mapPost(post(), ctx)).toEqual({
      kind: 'post',
      remoteId: 'p1',
      spaceRemoteId: 'c1',
      postRemoteId: null,
      parentRemoteId: null,
      author: { name: 'Bobby' },
      title: null,
      bodyHtml:
        '<p>Hello &lt;team&gt;</p>\n<p>see <a href="https://example.org/x">https://example.org/x</a>.</p>',
      createdAt: '2026-01-01T00:00:00.000Z',
      editedAt: null,
      permalink: 'https://mm.example/_redirect/pl/p1',
      mentionsMe: false,
    });
  });

  it('maps a reply as a comment on its root, with its edit time', () => {
    const item = mapPost(post({ id: 'p2', root_id: 'p1', edit_at: 1767229200000 }), ctx);
    expect(item).toMatchObject({
      kind: 'comment',
      postRemoteId: 'p1',
      editedAt: '2026-01-01T01:00:00.000Z',
    });
  });

  it('derives mention keys from notify_props and matches whole words', () => {
    expect(mentionKeys(me)).toEqual(['@ada', 'ada', 'engine', 'Ada', '@channel', '@all', '@here']);
    expect(mentionsAny('ping @ada please', ['@ada'])).toBe(true);
    expect(mentionsAny('ping @adam please', ['@ada'])).toBe(false);
    expect(mentionsAny('the Engine stalls', ['engine'])).toBe(true);
    expect(mentionsAny('engineering', ['engine'])).toBe(false);
    expect(mentionKeys({ ...me, notify_props: { channel: 'false' } })).toEqual(['@ada']);
  });

  it('trusts the server mention list over text matching', () => {
    const item = mapPost(post({ message: 'hi team' }), {
      ...ctx,
      mentionedPostIds: new Set(['p1']),
    });
    expect(item.mentionsMe).toBe(true);
  });

  it('tells deleted posts and space channels apart', () => {
    expect(isDeleted(post({ delete_at: 1767229200000 }))).toBe(true);
    expect(isDeleted(post())).toBe(false);
    const channel = {
      id: 'c1',
      team_id: 't1',
      type: 'O',
      name: 'town-square',
      display_name: 'Town Square',
    };
    expect(isSpaceChannel(channel)).toBe(true);
    expect(isSpaceChannel({ ...channel, type: 'D' })).toBe(false);
    expect(
      mapChannel(
        { ...channel, purpose: 'All hands' },
        { id: 't1', name: 'acme', display_name: 'Acme' },
      ),
    ).toEqual({
      remoteId: 'c1',
      name: 'Acme / Town Square',
      description: 'All hands',
    });
  });

  it('reads every entry of a PostList, whatever `order` says', () => {
    expect(
      postsOf({ order: ['x'], posts: { a: post(), b: post({ id: 'p2' }) } }).map((p) => p.id),
    ).toEqual(['p1', 'p2']);
    expect(postsOf(null)).toEqual([]);
  });

  it('falls back to the read time when a time is not one', () => {
    expect(mapPost(post({ create_at: -9007199254740991 }), ctx).createdAt).toBe(ctx.observedAt);
  });
});
