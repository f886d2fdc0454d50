// Mapper tests on payloads recorded from WordPress 6.1's REST API (trimmed to the fields
// the mappers read, values as the server sent them).
import { describe, expect, it } from 'vitest';
import { makeApiRoot, parseApiLink } from './discovery';
import {
  appendMedia,
  gmtToIso,
  mapCategory,
  mapComment,
  mapPost,
  mentions,
  type WpComment,
  type WpPost,
} from './mappers';

const POST: WpPost = {
  id: 4,
  date_gmt: '2026-11-28T15:01:49',
  modified_gmt: '2026-11-28T15:03:10',
  status: 'publish',
  link: 'http://127.0.0.1:44825/2026/11/28/hello/',
  title: { rendered: 'Q&amp;A &#8211; Friday' },
  content: { rendered: '<p>Ask @alice anything</p>\n' },
  author: 1,
  categories: [2],
  _embedded: {
    author: [
      {
        id: 1,
        name: 'admin',
        avatar_urls: {
          '24': 'http://2.gravatar.com/avatar/e64c?s=24&d=mm&r=g',
          '48': 'http://2.gravatar.com/avatar/e64c?s=48&d=mm&r=g',
          '96': 'http://2.gravatar.com/avatar/e64c?s=96&d=mm&r=g',
        },
      },
    ],
  },
};

const COMMENT: WpComment = {
  id: 3,
  post: 4,
  parent: 2,
  author_name: 'admin',
  author_avatar_urls: { '48': 'http://2.gravatar.com/avatar/e64c?s=48&d=mm&r=g' },
  date_gmt: '2026-11-28T15:01:49',
  content: { rendered: '<p>reply</p>\n' },
  link: 'http://127.0.0.1:44825/2026/11/28/hello/#comment-3',
  status: 'approved',
};

describe('WordPress mappers', () => {
  it('maps a post with its embedded author, decoded title, GMT times and edit time', () => {
    expect(mapPost(POST, '2', 'alice')).toEqual({
      kind: 'post',
      remoteId: '4',
      spaceRemoteId: '2',
      postRemoteId: null,
      parentRemoteId: null,
      author: { name: 'admin', avatarUrl: 'http://2.gravatar.com/avatar/e64c?s=96&d=mm&r=g' },
      title: 'Q&A \u2013 Friday',
      bodyHtml: '<p>Ask @alice anything</p>\n',
      createdAt: '2026-11-28T15:01:49.000Z',
      editedAt: '2026-11-28T15:03:10.000Z',
      permalink: 'http://127.0.0.1:44825/2026/11/28/hello/',
      mentionsMe: true,
    });
  });

  it('leaves editedAt empty when the post was never modified, and survives a missing author', () => {
    const item = mapPost({ ...POST, modified_gmt: POST.date_gmt, _embedded: undefined }, '2');
    expect(item.editedAt).toBeNull();
    expect(item.author).toEqual({ name: 'User 1' });
    expect(item.mentionsMe).toBe(false);
  });

  it('maps a threaded comment to its post and parent', () => {
    expect(mapComment(COMMENT)).toMatchObject({
      kind: 'comment',
      remoteId: '3',
      postRemoteId: '4',
      parentRemoteId: '2',
      author: { name: 'admin', avatarUrl: 'http://2.gravatar.com/avatar/e64c?s=48&d=mm&r=g' },
      createdAt: '2026-11-28T15:01:49.000Z',
      permalink: 'http://127.0.0.1:44825/2026/11/28/hello/#comment-3',
    });
    expect(mapComment({ ...COMMENT, parent: 0 }).parentRemoteId).toBeNull();
  });

  it('detects mentions only as whole handles', () => {
    expect(mentions('<p>@alice: look</p>', 'alice')).toBe(true);
    expect(mentions('<p>@alice-b look</p>', 'alice')).toBe(false);
    expect(mentions('<p>mail bob@alice.org</p>', 'alice')).toBe(false);
  });

  it('maps categories and appends media as links and images', () => {
    expect(mapCategory({ id: 2, name: 'R&amp;D', description: '' })).toEqual({
      remoteId: '2',
      name: 'R&D',
    });
    expect(
      appendMedia('<p>x</p>', [
        { id: 1, source_url: 'http://h/a.png', media_type: 'image' },
        { id: 2, source_url: 'http://h/b.pdf?x=1&y="2"', media_type: 'file' },
      ]),
    ).toBe(
      '<p>x</p>\n<p><img src="http://h/a.png" alt="" /></p>\n<p><a href="http://h/b.pdf?x=1&amp;y=&quot;2&quot;">http://h/b.pdf?x=1&amp;y=&quot;2&quot;</a></p>',
    );
    expect(() => gmtToIso('yesterday')).toThrow();
  });
});

describe('WordPress API discovery', () => {
  it('reads the API root from the Link header', () => {
    expect(parseApiLink('<http://h:1/wp-json/>; rel="https://api.w.org/"')).toBe(
      'http://h:1/wp-json/',
    );
    expect(parseApiLink('<http://h/?p=1>; rel=shortlink')).toBeUndefined();
  });

  it('builds route URLs for pretty and plain permalinks, and local times for filters', () => {
    const pretty = makeApiRoot('http://h/wp-json/', 2);
    expect(pretty.url('/wp/v2/posts', { page: '2' })).toBe('http://h/wp-json/wp/v2/posts?page=2');
    expect(pretty.toLocal('2026-01-01T23:30:00.000Z', -1)).toBe('2026-01-02T01:29:59');
    const plain = makeApiRoot('http://h/?rest_route=/', 0);
    expect(plain.url('/wp/v2/posts', { after: '2026-01-01T00:00:00' })).toBe(
      'http://h/?rest_route=/wp/v2/posts&after=2026-01-01T00%3A00%3A00',
    );
  });
});
