// Payloads shaped like the latest_posts, categories and notifications examples of the
// Discourse API docs (discourse_api_docs openapi.json), with realistic values.
import { describe, expect, it } from 'vitest';
import {
  avatarUrl,
  isDeleted,
  isWritten,
  mapCategory,
  mapPost,
  mentionKeys,
  type DcPost,
} from './mappers';

const post = (extra: Partial<DcPost> = {}): DcPost => ({
  id: 101,
  username: 'bob',
  name: 'Bob Martin',
  avatar_template: '/user_avatar/forum.example/bob/{size}/42_2.png',
  created_at: '2026-01-05T10:00:00.000Z',
  updated_at: '2026-01-05T10:00:00.000Z',
  cooked: '<p>Welcome to the <strong>new</strong> forum</p>',
  post_number: 1,
  post_type: 1,
  version: 1,
  topic_id: 55,
  topic_slug: 'welcome',
  topic_title: 'Welcome!',
  category_id: 4,
  deleted_at: null,
  ...extra,
});

const ctx = {
  baseUrl: 'https://forum.example',
  mentions: new Set<string>(),
  observedAt: '2026-02-01T00:00:00.000Z',
};

describe('Discourse mappers', () => {
  it('maps a topic (post number 1) as a post identified by the topic id', () => {
    expect(mapPost(post(), ctx)).toEqual({
      kind: 'post',
      remoteId: '55',
      spaceRemoteId: '4',
      postRemoteId: null,
      parentRemoteId: null,
      author: {
        name: 'Bob Martin',
        avatarUrl: 'https://forum.example/user_avatar/forum.example/bob/96/42_2.png',
      },
      title: 'Welcome!',
      bodyHtml: '<p>Welcome to the <strong>new</strong> forum</p>',
      createdAt: '2026-01-05T10:00:00.000Z',
      editedAt: null,
      permalink: 'https://forum.example/t/welcome/55',
      mentionsMe: false,
    });
  });

  it('maps replies as comments on the topic, with edits and mentions', () => {
    const reply = post({
      id: 102,
      post_number: 3,
      version: 2,
      updated_at: '2026-01-06T08:00:00.000Z',
    });
    const item = mapPost(reply, {
      ...ctx,
      mentions: mentionKeys([
        { id: 1, notification_type: 1, read: false, topic_id: 55, post_number: 3 },
        { id: 2, notification_type: 2, read: false, topic_id: 55, post_number: 4 }, // replied, not a mention
      ]),
    });
    expect(item).toMatchObject({
      kind: 'comment',
      remoteId: '102',
      spaceRemoteId: null,
      postRemoteId: '55',
      title: null,
      editedAt: '2026-01-06T08:00:00.000Z',
      permalink: 'https://forum.example/t/welcome/55/3',
      mentionsMe: true,
    });
  });

  it('recognises deletions and small actions', () => {
    expect(isDeleted(post({ deleted_at: '2026-01-07T00:00:00.000Z' }))).toBe(true);
    expect(isDeleted(post())).toBe(false);
    expect(isWritten(post({ post_type: 3 }))).toBe(false);
  });

  it('maps categories and absolute avatar templates', () => {
    expect(
      mapCategory({ id: 4, name: 'Support', slug: 'support', description_text: 'Ask here' }),
    ).toEqual({
      remoteId: '4',
      name: 'Support',
      description: 'Ask here',
    });
    expect(avatarUrl('https://f.example', 'https://cdn.example/{size}/a.png')).toBe(
      'https://cdn.example/96/a.png',
    );
    expect(avatarUrl('https://f.example', 'string')).toBeUndefined();
  });
});
