// Contract test: the Mattermost connector against a Prism mock of Mattermost's own OpenAPI
// spec (../shared/specs, never copied here). Prism validates every request we send and
// answers with the spec's examples, which is what the mapped results are checked against.
import { describe, expect, it } from 'vitest';
import { MattermostConnector } from '../../electron/core/rse/mattermost/connector';
import type { PrismMock } from '../harness/prism';
import { usePrism } from '../harness/use-prism';

let prism: PrismMock;
let connector: MattermostConnector;

usePrism('mattermost-openapi-v4.yaml', {}, (mock) => {
  prism = mock;
  connector = new MattermostConnector({ url: prism.url, secret: 'pat-token' }, { maxRetries: 0 });
});

describe('Mattermost connector against the v4 spec', () => {
  it('identifies the user from /users/me', async () => {
    const me = await connector.identify();
    expect(me).toEqual({ remoteId: 'string', name: 'string string', handle: 'string' });
  });

  it('refuses a request without the token (the mock enforces bearerAuth)', async () => {
    const anonymous = new MattermostConnector({ url: prism.url, secret: '' }, { maxRetries: 0 });
    await expect(anonymous.identify()).rejects.toMatchObject({ kind: 'authentication' });
    prism.clearViolations(); // the refused request is the point of this test
  });

  it('lists the channels of every team as spaces', async () => {
    const spaces = await connector.listSpaces();
    // The example channel has type "string" (neither open nor private): not a space.
    expect(spaces).toEqual([]);
  });

  it('reads posts since the cursor and advances it', async () => {
    const since = new Date('2026-01-01T00:00:00Z');
    const batch = await connector.readActivity({
      spaces: [{ remoteId: 'chan1', name: 'Town Square' }],
      cursors: {},
      knownPostIds: [],
      since,
    });
    expect(batch.deleted).toEqual([]);
    expect(batch.items.length).toBeGreaterThan(0);
    const item = batch.items[0];
    expect(item).toMatchObject({
      kind: 'comment', // the example's root_id is set
      remoteId: 'string',
      spaceRemoteId: 'string',
      postRemoteId: 'string',
      title: null,
      bodyHtml: '<p>string</p>\n<ul><li>string</li></ul>',
      permalink: `${prism.url}/_redirect/pl/string`,
      // The example user's mention_keys is "string", and so is the message.
      mentionsMe: true,
    });
    // The example's times are not real times; the read time stands in for them.
    expect(Date.parse(item?.createdAt ?? '')).toBeGreaterThan(since.getTime());
    expect(batch.cursors['posts:chan1']).toBe(String(since.getTime()));
  });

  it('uploads a file and creates a post with it', async () => {
    const created = await connector.createPost({
      spaceRemoteId: 'chan1',
      bodyHtml: '<p>Release <b>notes</b></p>',
      attachments: [{ filename: 'notes.txt', contentType: 'text/plain', data: Buffer.from('hi') }],
    });
    expect(created).toMatchObject({ remoteId: 'string', title: null });
    const files = await connector.upload('chan1', [
      { filename: 'été.png', contentType: 'image/png', data: new Uint8Array([137, 80, 78, 71]) },
    ]);
    expect(files[0]).toMatchObject({ id: 'string', name: 'string' });
  });

  it('replies in the thread of a post', async () => {
    const reply = await connector.createComment({ postRemoteId: 'root1', bodyHtml: '<p>+1</p>' });
    expect(reply).toMatchObject({ kind: 'comment', remoteId: 'string' });
  });
});
