// Contract test of exactly-once posting on Discourse, against a Prism mock of
// discourse_api_docs' spec. Each part's idempotency marker is appended to the post's raw
// Markdown as an HTML comment (kept in raw, dropped from cooked); a retried part reads
// the raws back before creating anything. The spec has no examples, so it is patched only
// to give the schemas' examples a marker (and the latest post a topic's first number, a
// category, a topic with posts), so the mock's answers stand for "this part exists".
import { afterEach, describe, expect, it } from 'vitest';
import { DiscourseConnector } from '../../electron/core/rse/discourse/connector';
import { partMarker, replyOnce } from '../../electron/core/tasks/convert-steps';
import type { PrismMock } from '../harness/prism';
import { usePrism } from '../harness/use-prism';

const KEY = 'passerelleconversion0123456789abcdef0123456789abcdef';
const EXISTING = partMarker(KEY, 1);
const pad = (n: number) => ' '.repeat(n);
/** A schema property as the spec writes it, optionally with an example. */
const prop = (n: number, name: string, type: string, example?: string) =>
  `${pad(n)}"${name}": {\n${pad(n + 2)}"type": "${type}"` +
  (example === undefined ? '' : `,\n${pad(n + 2)}"example": ${example}`) +
  `\n${pad(n)}}`;

let prism: PrismMock;
let connector: DiscourseConnector;
const sent: { method: string; url: string; body: unknown }[] = [];

usePrism(
  'discourse-openapi.json',
  {
    patch: [
      // GET /posts.json (latest posts, with raw): a topic's first post in category 7.
      [prop(26, 'raw', 'string'), prop(26, 'raw', 'string', `"Minutes.\\n\\n<!-- ${KEY} -->"`)],
      [
        `${prop(26, 'cooked', 'string')},\n${prop(26, 'post_number', 'integer')}`,
        `${prop(26, 'cooked', 'string')},\n${prop(26, 'post_number', 'integer', '1')}`,
      ],
      [
        `${prop(26, 'topic_html_title', 'string')},\n${prop(26, 'category_id', 'integer')}`,
        `${prop(26, 'topic_html_title', 'string')},\n${prop(26, 'category_id', 'integer', '7')}`,
      ],
      // GET /t/{id}.json: the topic's post ids, the opening post first.
      [
        `${pad(24)}"stream": {\n${pad(26)}"type": "array",\n${pad(26)}"items": {}\n${pad(24)}}`,
        `${pad(24)}"stream": {\n${pad(26)}"type": "array",\n${pad(26)}"items": {},\n${pad(26)}"example": [31, 32, 33]\n${pad(24)}}`,
      ],
      // GET /posts/{id}.json (and the created post): a reply carrying EXISTING.
      [prop(20, 'raw', 'string'), prop(20, 'raw', 'string', `"Agreed.\\n\\n<!-- ${EXISTING} -->"`)],
      [prop(20, 'post_number', 'integer'), prop(20, 'post_number', 'integer', '3')],
    ],
  },
  (mock) => {
    prism = mock;
    const recording: typeof fetch = async (input, init) => {
      const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : null;
      sent.push({ method: init?.method ?? 'GET', url: String(input), body });
      return fetch(input, init);
    };
    connector = new DiscourseConnector(
      { url: prism.url, user: 'alice', secret: 'api-key' },
      { maxRetries: 0, fetch: recording },
    );
  },
);

afterEach(() => {
  sent.length = 0;
});

const paths = () => sent.map((r) => `${r.method} ${new URL(r.url).pathname}`);

describe('Discourse parts made once (spec-driven mock)', () => {
  it('finds a topic of the category by the marker in its first post’s raw', async () => {
    const found = await connector.findPostByMarker('7', KEY);
    expect(found).toMatchObject({ kind: 'post', spaceRemoteId: '7' });
    expect(paths()).toEqual(['GET /posts.json']);
    // Not in another category, and a reply's marker is not the topic's.
    expect(await connector.findPostByMarker('8', KEY)).toBeNull();
    expect(await connector.findPostByMarker('7', EXISTING)).toBeNull();
  });

  it('finds a reply of the topic by the marker in its raw, newest first', async () => {
    const found = await connector.findCommentByMarker('12', EXISTING);
    expect(found).toMatchObject({ kind: 'comment', postRemoteId: '12' });
    // The topic's ids, then the newest reply's raw; the opening post (31) is never read.
    expect(paths()).toEqual(['GET /t/12.json', 'GET /posts/33.json']);
    sent.length = 0;
    expect(await connector.findCommentByMarker('12', partMarker(KEY, 2))).toBeNull();
    expect(paths()).toEqual(['GET /t/12.json', 'GET /posts/33.json', 'GET /posts/32.json']);
  });

  it('does not post a reply the topic already has', async () => {
    const reply = await replyOnce(connector, {
      postRemoteId: '12',
      body: '**Carol** · 2 March\n\nAgreed.',
      format: 'markdown',
      marker: EXISTING,
    });
    expect(reply).toMatchObject({ kind: 'comment', postRemoteId: '12' });
    expect(sent.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('posts a missing reply with its marker hidden in the raw, and its files', async () => {
    const marker = partMarker(KEY, 2);
    await replyOnce(connector, {
      postRemoteId: '12',
      body: '**Dan** · 2 March\n\nMy notes are attached.',
      format: 'markdown',
      marker,
      files: async () => [
        { filename: 'notes.pdf', contentType: 'application/pdf', data: Buffer.from('%PDF') },
      ],
    });
    expect(paths().filter((p) => p.startsWith('POST'))).toEqual([
      'POST /uploads.json',
      'POST /posts.json',
    ]);
    const created = sent.at(-1)!.body as { topic_id: number; raw: string };
    expect(created.topic_id).toBe(12);
    expect(created.raw.startsWith('**Dan** · 2 March\n\nMy notes are attached.\n\n')).toBe(true);
    expect(created.raw).toContain('[notes.pdf|attachment](');
    expect(created.raw.endsWith(`\n\n<!-- ${marker} -->`)).toBe(true);
  });

  it('hides the root post’s marker in its raw too', async () => {
    await connector.createPost({
      spaceRemoteId: '7',
      title: 'Quarterly review',
      bodyHtml: 'Minutes.',
      networkMarkup: true,
      attachments: [],
      marker: KEY,
    });
    expect(sent.at(-1)!.body).toEqual({
      title: 'Quarterly review',
      raw: `Minutes.\n\n<!-- ${KEY} -->`,
      category: 7,
    });
  });
});
