// Contract test of the exactly-once replies on a threaded network: Mattermost, against a
// Prism mock of its own v4 spec. A reply (root_id) carries its idempotency marker in the
// post's props, out of sight; before creating one, the thread (GET /posts/{id}/thread) is
// searched for it. The spec is patched only to give the example post's props a marker,
// so the mock's answers stand for "this reply already exists".
import { afterEach, describe, expect, it } from 'vitest';
import { MattermostConnector } from '../../electron/core/rse/mattermost/connector';
import { partMarker, replyOnce } from '../../electron/core/tasks/convert-steps';
import type { PrismMock } from '../harness/prism';
import { usePrism } from '../harness/use-prism';

const KEY = 'passerelleconversion0123456789abcdef';
const EXISTING = partMarker(KEY, 1);

let prism: PrismMock;
let connector: MattermostConnector;
const sent: { method: string; url: string; body: unknown }[] = [];

usePrism(
  'mattermost-openapi-v4.yaml',
  {
    patch: [
      [
        '        props:\n          type: object\n        hashtag:',
        `        props:\n          type: object\n          example:\n            passerelle_marker: ${EXISTING}\n        hashtag:`,
      ],
    ],
  },
  (mock) => {
    prism = mock;
    const recording: typeof fetch = async (input, init) => {
      const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : null;
      sent.push({ method: init?.method ?? 'GET', url: String(input), body });
      return fetch(input, init);
    };
    connector = new MattermostConnector(
      { url: prism.url, secret: 'pat-token' },
      { maxRetries: 0, fetch: recording },
    );
  },
);

afterEach(() => {
  sent.length = 0;
});

describe('Mattermost replies made once (spec-driven mock)', () => {
  it('finds a reply of the thread by the marker in its props', async () => {
    // The example thread's posts answer root "string" and carry EXISTING.
    const found = await connector.findCommentByMarker('string', EXISTING);
    expect(found).toMatchObject({ kind: 'comment', remoteId: 'string', postRemoteId: 'string' });
    expect(sent.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      'GET /api/v4/posts/string/thread',
      'GET /api/v4/users/me',
    ]);
    // Another part's marker, or another thread's reply, is not it.
    expect(await connector.findCommentByMarker('string', partMarker(KEY, 2))).toBeNull();
    expect(await connector.findCommentByMarker('root1', EXISTING)).toBeNull();
  });

  it('does not post a reply the thread already has', async () => {
    const reply = await replyOnce(connector, {
      postRemoteId: 'string',
      body: '<p>Carol: approved.</p>',
      format: 'markdown',
      marker: EXISTING,
    });
    expect(reply.remoteId).toBe('string');
    expect(sent.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('posts a missing reply in the thread with its marker in props, not in the text', async () => {
    const marker = partMarker(KEY, 2);
    const reply = await replyOnce(connector, {
      postRemoteId: 'string',
      body: '**Dan** · 2 March\n\nMy notes are attached.',
      format: 'markdown',
      marker,
    });
    expect(reply).toMatchObject({ kind: 'comment', remoteId: 'string' });
    const created = sent.find((r) => r.method === 'POST' && r.url.endsWith('/api/v4/posts'));
    expect(created?.body).toMatchObject({
      channel_id: 'string',
      root_id: 'string',
      props: { passerelle_marker: marker },
    });
    expect((created?.body as { message: string }).message).not.toContain(marker);
  });

  it('keeps the root post’s marker in props too, and looks for it among root posts only', async () => {
    await connector.createPost({
      spaceRemoteId: 'chan1',
      bodyHtml: '<p>Quarterly review</p>',
      attachments: [],
      marker: KEY,
    });
    const created = sent.find((r) => r.method === 'POST' && r.url.endsWith('/api/v4/posts'));
    expect(created?.body).toMatchObject({ channel_id: 'chan1', props: { passerelle_marker: KEY } });
    // The example channel's posts all answer a root ("string"): none is the root post.
    expect(await connector.findPostByMarker('chan1', EXISTING)).toBeNull();
    expect(sent.at(-1)!.url).toContain('/api/v4/channels/chan1/posts?per_page=200');
  });
});
