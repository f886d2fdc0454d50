// Contract test of exactly-once posting on Zulip, against a Prism mock of Zulip's spec.
// Zulip has nowhere to hide a marker, so a retried part reads its topic's newest messages
// as Markdown source (apply_markdown=false) and takes this account's message whose source
// is the part's text. The spec's examples are patched only so that message 21 (topic
// "Verona3" of stream 5) is Iago's (the example user) with a known source, and GET
// /messages/{id} describes a stream message of that topic: the mock's answers then stand
// for "this part was already posted".
import { afterEach, describe, expect, it } from 'vitest';
import { ZulipConnector } from '../../electron/core/rse/zulip/connector';
import { partMarker, replyOnce } from '../../electron/core/tasks/convert-steps';
import type { PrismMock } from '../harness/prism';
import { usePrism } from '../harness/use-prism';

const KEY = 'passerelleconversion0123456789abcdef0123456789abcdef';
const SOURCE = '**Iago** · 2 June 2018\\n\\nBackend, see the logs.';
const TEXT = '**Iago** · 2 June 2018\n\nBackend, see the logs.';
const pad = (n: number) => ' '.repeat(n);

let prism: PrismMock;
let connector: ZulipConnector;
const sent: { method: string; url: string; body: string | null }[] = [];

usePrism(
  'zulip.yaml',
  {
    patch: [
      ['  - basicAuth: []', '  - BasicAuth: []'],
      // GET /messages: message 21 is Iago's (user 5), its source the part's text.
      [
        '"content": "<p>Wait, is this from the frontend js code or backend python code</p>",',
        `"content": "${SOURCE}",`,
      ],
      [
        `"sender_id": 4,\n${pad(30)}"sender_full_name": "King Hamlet",\n${pad(30)}"recipient_id": 20,`,
        `"sender_id": 5,\n${pad(30)}"sender_full_name": "Iago",\n${pad(30)}"recipient_id": 20,`,
      ],
      // GET /messages/{id}: a stream message opening topic Verona3.
      [
        `"message":\n${pad(26)}{\n${pad(28)}"subject": "",\n${pad(28)}"sender_realm_str": "zulip",\n${pad(28)}"type": "private",`,
        `"message":\n${pad(26)}{\n${pad(28)}"subject": "Verona3",\n${pad(28)}"stream_id": 5,\n${pad(28)}"sender_realm_str": "zulip",\n${pad(28)}"type": "stream",`,
      ],
    ],
    basePath: '/api/v1',
  },
  (mock) => {
    prism = mock;
    const recording: typeof fetch = async (input, init) => {
      sent.push({
        method: init?.method ?? 'GET',
        url: String(input),
        body: typeof init?.body === 'string' ? init.body : null,
      });
      return fetch(input, init);
    };
    connector = new ZulipConnector(
      { url: prism.url, user: 'iago@zulip.com', secret: 'api-key' },
      { maxRetries: 0, fetch: recording },
    );
  },
);

afterEach(() => {
  sent.length = 0;
});

const messageReads = () =>
  sent
    .filter((r) => new URL(r.url).pathname === '/api/v1/messages' && r.method === 'GET')
    .map((r) => Object.fromEntries(new URL(r.url).searchParams));

describe('Zulip parts made once (spec-driven mock)', () => {
  it('finds the topic’s opening message by its Markdown source, in the right topic', async () => {
    const post = { spaceRemoteId: '5', title: 'Verona3', bodyHtml: TEXT, networkMarkup: true };
    const found = await connector.findPostByMarker('5', KEY, { ...post, attachments: [] });
    expect(found).toMatchObject({ kind: 'post', remoteId: '21', title: 'Verona3' });
    expect(messageReads()).toEqual([
      {
        anchor: 'newest',
        num_before: '200',
        num_after: '0',
        narrow: JSON.stringify([
          { operator: 'stream', operand: 5 },
          { operator: 'topic', operand: 'Verona3' },
        ]),
        apply_markdown: 'false',
      },
    ]);
    // Another text, another topic or another stream is not it.
    const other = { ...post, attachments: [] };
    expect(
      await connector.findPostByMarker('5', KEY, { ...other, bodyHtml: 'Frontend.' }),
    ).toBeNull();
    expect(await connector.findPostByMarker('5', KEY, { ...other, title: 'Verona4' })).toBeNull();
    expect(await connector.findPostByMarker('6', KEY, { ...other, spaceRemoteId: '6' })).toBeNull();
  });

  it('does not post a reply the topic already has', async () => {
    const reply = await replyOnce(connector, {
      postRemoteId: '20',
      body: TEXT,
      format: 'markdown',
      marker: partMarker(KEY, 1),
    });
    expect(reply).toMatchObject({ kind: 'comment', remoteId: '21', postRemoteId: '20' });
    expect(sent.filter((r) => r.method === 'POST')).toEqual([]);
    // A message before the post is not one of its replies.
    const later = await connector.findCommentByMarker('21', partMarker(KEY, 1), {
      postRemoteId: '21',
      bodyHtml: TEXT,
      networkMarkup: true,
    });
    expect(later).toBeNull();
  });

  it('posts a missing reply in the post’s topic, with its files linked', async () => {
    const reply = await replyOnce(connector, {
      postRemoteId: '20',
      body: '**Dan** · 3 June 2018\n\nFrontend, I think.',
      format: 'markdown',
      marker: partMarker(KEY, 2),
      files: async () => [
        { filename: 'trace.txt', contentType: 'text/plain', data: Buffer.from('trace') },
      ],
    });
    expect(reply).toMatchObject({ kind: 'comment', postRemoteId: '20' });
    const posts = sent.filter((r) => r.method === 'POST').map((r) => new URL(r.url).pathname);
    expect(posts).toEqual(['/api/v1/user_uploads', '/api/v1/messages']);
    const form = new URLSearchParams(sent.at(-1)!.body ?? '');
    expect(form.get('topic')).toBe('Verona3');
    expect(form.get('to')).toBe('[5]');
    expect(form.get('content')).toMatch(
      /^\*\*Dan\*\* · 3 June 2018\n\nFrontend, I think\.\n\n\[trace\.txt\]\(.+\)$/u,
    );
  });
});
