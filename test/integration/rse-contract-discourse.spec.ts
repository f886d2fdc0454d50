// Contract test: the Discourse connector against a Prism mock of discourse_api_docs'
// OpenAPI spec. Prism checks every request (the spec requires Api-Key and Api-Username on
// several routes, so the admin-key mode is the one exercised here) and answers with the
// spec's examples: ids 0 and placeholder strings, which the assertions follow.
import { describe, expect, it } from 'vitest';
import { DiscourseConnector } from '../../electron/core/rse/discourse/connector';
import type { PrismMock } from '../harness/prism';
import { usePrism } from '../harness/use-prism';

let prism: PrismMock;
let connector: DiscourseConnector;

usePrism('discourse-openapi.json', {}, (mock) => {
  prism = mock;
  connector = new DiscourseConnector(
    { url: prism.url, user: 'alice', secret: 'api-key' },
    { maxRetries: 0 },
  );
});

describe('Discourse connector against the spec', () => {
  it('has a mock that notices a request the spec forbids', async () => {
    // Proves the afterEach check can fail: the spec's additionalProperties: false.
    const answer = await fetch(`${prism.url}/posts.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ raw: 'x', bogus: 1 }),
    });
    await answer.body?.cancel();
    await expect.poll(() => prism.violations().length).toBeGreaterThan(0);
    prism.clearViolations();
  });

  it('identifies the user named by Api-Username', async () => {
    expect(await connector.identify()).toEqual({ remoteId: '0', name: 'string', handle: 'string' });
  });

  it('lists categories as spaces', async () => {
    expect(await connector.listSpaces()).toEqual([
      { remoteId: '0', name: 'string', description: 'string' },
    ]);
  });

  it('reads the latest posts of followed categories', async () => {
    const batch = await connector.readActivity({
      spaces: [{ remoteId: '0', name: 'General' }],
      cursors: {},
      knownPostIds: [],
      since: new Date('2026-01-01T00:00:00Z'),
    });
    // The example post has post_number 0 (not a topic's first post): a comment.
    expect(batch.items).toEqual([
      expect.objectContaining({
        kind: 'comment',
        remoteId: '0',
        postRemoteId: '0',
        author: { name: 'string' },
        bodyHtml: 'string',
        permalink: `${prism.url}/t/string/0/0`,
        mentionsMe: false,
      }),
    ]);
    expect(batch.deleted).toEqual([]);
    expect(batch.cursors).toEqual({ posts: '0' });
  });

  it('ignores categories that are not followed', async () => {
    const batch = await connector.readActivity({
      spaces: [{ remoteId: '7', name: 'Other' }],
      cursors: {},
      knownPostIds: [],
      since: new Date('2026-01-01T00:00:00Z'),
    });
    expect(batch.items).toEqual([]);
  });

  it('uploads a file and creates a topic with it', async () => {
    const post = await connector.createPost({
      spaceRemoteId: '3',
      title: 'Quarterly review',
      bodyHtml: '<p>See the <b>attached</b> figures.</p>',
      attachments: [
        { filename: 'q3.png', contentType: 'image/png', data: new Uint8Array([137, 80]) },
      ],
    });
    // The answer has no topic_title; the title we sent stands in.
    expect(post).toMatchObject({
      kind: 'post',
      remoteId: '0',
      title: 'Quarterly review',
      spaceRemoteId: '3',
    });
    const upload = await connector.upload({
      filename: 'a.txt',
      contentType: 'text/plain',
      data: Buffer.from('x'),
    });
    expect(upload).toMatchObject({ url: 'string', short_url: 'string' });
  });

  it('uploads a conversion file first and gives its short upload address', async () => {
    const uploaded = await connector.uploadFile({
      filename: 'plan.png',
      contentType: 'image/png',
      data: new Uint8Array([137, 80]),
    });
    // The spec's example answer: short_url is preferred, it renders inside posts.
    expect(uploaded).toEqual({ remoteId: '0', url: 'string' });
  });

  it('replies to a topic', async () => {
    const reply = await connector.createComment({
      postRemoteId: '12',
      bodyHtml: '<p>Thanks, looks good to me.</p>',
    });
    expect(reply).toMatchObject({
      kind: 'comment',
      postRemoteId: '12',
      permalink: `${prism.url}/t/string/12/2`,
    });
  });
});
