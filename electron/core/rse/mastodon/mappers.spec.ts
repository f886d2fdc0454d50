// Payloads shaped like the Status and Account entities documented at
// docs.joinmastodon.org/entities.
import { describe, expect, it } from 'vitest';
import { compareIds, mapLists, mapStatus, maxId, mergeItems, type MdStatus } from './mappers';

const bob = {
  id: '2',
  username: 'bob',
  acct: 'bob@other.example',
  display_name: 'Bob',
  avatar: 'https://m.example/b.png',
};
const status = (extra: Partial<MdStatus> = {}): MdStatus => ({
  id: '109876543210987654',
  created_at: '2026-01-05T10:00:00.000Z',
  edited_at: null,
  in_reply_to_id: null,
  content: '<p>Hello <span class="h-card"><a href="https://m.example/@ada">@ada</a></span></p>',
  spoiler_text: '',
  url: 'https://other.example/@bob/109876543210987654',
  uri: 'https://other.example/users/bob/statuses/109876543210987654',
  account: bob,
  mentions: [{ id: '1', acct: 'ada' }],
  media_attachments: [
    { id: 'm1', type: 'image', url: 'https://files.example/a.png', description: 'A cat' },
  ],
  reblog: null,
  ...extra,
});
const observed = '2026-02-01T00:00:00.000Z';

describe('Mastodon mappers', () => {
  it('maps a status with media and a mention of me', () => {
    expect(mapStatus(status(), 'home', '1', observed)).toEqual({
      kind: 'post',
      remoteId: '109876543210987654',
      spaceRemoteId: 'home',
      postRemoteId: null,
      parentRemoteId: null,
      author: { name: 'Bob', avatarUrl: 'https://m.example/b.png' },
      title: null,
      bodyHtml:
        '<p>Hello <span class="h-card"><a href="https://m.example/@ada">@ada</a></span></p>\n<p><img src="https://files.example/a.png" alt="A cat" /></p>',
      createdAt: '2026-01-05T10:00:00.000Z',
      editedAt: null,
      permalink: 'https://other.example/@bob/109876543210987654',
      mentionsMe: true,
    });
  });

  it('maps replies as comments, boosts as the boosted status, and content warnings', () => {
    expect(mapStatus(status({ in_reply_to_id: '5' }), 'home', '9', observed)).toMatchObject({
      kind: 'comment',
      postRemoteId: '5',
      spaceRemoteId: null,
      mentionsMe: false,
    });
    const boost = status({ id: '7', reblog: status({ id: '6', spoiler_text: 'spoilers <b>' }) });
    const item = mapStatus(boost, 'home', '1', observed);
    expect(item.remoteId).toBe('6');
    expect(item.bodyHtml.startsWith('<p><strong>CW: spoilers &lt;b&gt;</strong></p>')).toBe(true);
  });

  it('compares snowflake ids beyond 2^53 as numbers', () => {
    expect(compareIds('99', '100')).toBeLessThan(0);
    expect(maxId(['109876543210987654', '109876543210987655', '99'])).toBe('109876543210987655');
    expect(maxId([])).toBeUndefined();
  });

  it('offers home then lists, and merges a status met twice', () => {
    expect(mapLists([{ id: '7', title: 'Team' }]).map((s) => s.remoteId)).toEqual([
      'home',
      'list:7',
    ]);
    const a = mapStatus(status({ mentions: [] }), 'list:7', '1', observed);
    const b = { ...a, spaceRemoteId: 'home', mentionsMe: true };
    expect(mergeItems([a, b])).toEqual([{ ...a, mentionsMe: true }]);
  });
});
