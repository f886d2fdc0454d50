// Contract test: the Zulip connector against a Prism mock of Zulip's OpenAPI spec. The
// spec's top-level security names `basicAuth` while the scheme is declared `BasicAuth`,
// so Prism is given a patched temporary copy (../shared/SOURCES.md). Prism checks every
// request and answers with the spec's examples, which the assertions below follow.
import { describe, expect, it } from 'vitest';
import { ZulipConnector } from '../../electron/core/rse/zulip/connector';
import type { PrismMock } from '../harness/prism';
import { usePrism } from '../harness/use-prism';

let prism: PrismMock;
let connector: ZulipConnector;

usePrism(
  'zulip.yaml',
  {
    patch: [['  - basicAuth: []', '  - BasicAuth: []']],
    basePath: '/api/v1',
  },
  (mock) => {
    prism = mock;
    connector = new ZulipConnector(
      { url: prism.url, user: 'iago@zulip.com', secret: 'api-key' },
      { maxRetries: 0 },
    );
  },
);

describe('Zulip connector against the spec', () => {
  it('identifies the user', async () => {
    expect(await connector.identify()).toEqual({
      remoteId: '5',
      name: 'Iago',
      handle: 'Iago',
      avatarUrl:
        'https://secure.gravatar.com/avatar/af4f06322c177ef4e1e9b2c424986b54?d=identicon&version=1',
    });
  });

  it('lists subscribed streams as spaces', async () => {
    expect(await connector.listSpaces()).toEqual([
      { remoteId: '1', name: 'Denmark', description: 'A Scandinavian country' },
      { remoteId: '3', name: 'Scotland', description: 'Located in the United Kingdom' },
    ]);
  });

  it('reads stream messages, skips direct ones, and maps topics to posts', async () => {
    const batch = await connector.readActivity({
      spaces: [{ remoteId: '5', name: 'Verona' }],
      cursors: { 'stream:5': '20' },
      knownPostIds: [],
      since: new Date('2018-01-01T00:00:00Z'),
    });
    expect(batch.items).toEqual([
      expect.objectContaining({
        kind: 'post', // the example's message 21 opens topic "Verona3"
        remoteId: '21',
        spaceRemoteId: '5',
        title: 'Verona3',
        author: expect.objectContaining({ name: 'King Hamlet' }),
        bodyHtml: '<p>Wait, is this from the frontend js code or backend python code</p>',
        createdAt: '2018-06-02T11:42:26.000Z',
        permalink: `${prism.url}/#narrow/stream/5-Verona/topic/Verona3/near/21`,
        mentionsMe: false,
      }),
    ]);
    expect(batch.cursors).toEqual({ 'stream:5': '21' });
  });

  it('uploads a file and opens a topic with it', async () => {
    const post = await connector.createPost({
      spaceRemoteId: '1',
      title: 'Release',
      bodyHtml: '<p>Notes &amp; more</p>',
      attachments: [{ filename: 'notes.txt', contentType: 'text/plain', data: Buffer.from('hi') }],
    });
    expect(post).toMatchObject({
      kind: 'post',
      remoteId: '42',
      title: 'Release',
      spaceRemoteId: '1',
    });
  });

  it('uploads a conversion file first and gives the address its Markdown links', async () => {
    const file = { filename: 'plan.png', contentType: 'image/png', data: Buffer.from('png') };
    const uploaded = await connector.uploadFile(file);
    expect(uploaded.url).toMatch(/^\/user_uploads\//);
    expect(uploaded.remoteId).toBe(uploaded.url);
  });

  it('answers in the topic of a post', async () => {
    const comment = await connector.createComment({
      postRemoteId: '21',
      bodyHtml: '<p>Backend.</p>',
    });
    expect(comment).toMatchObject({ kind: 'comment', remoteId: '42', postRemoteId: '21' });
  });
});
