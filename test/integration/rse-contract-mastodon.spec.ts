// Contract test: the Mastodon connector against a small fake that follows the documented
// REST API (docs.joinmastodon.org/methods: timelines, lists, notifications, statuses,
// media v2), its status codes and error shapes. There is no official OpenAPI spec to mock.
// POST /api/v1/statuses honours Idempotency-Key as documented: a key is kept for an hour
// per account, and a request repeating it gets the status it created (the fake's clock
// can be moved on to let keys expire).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MastodonConnector } from '../../electron/core/rse/mastodon/connector';
import type { MdStatus } from '../../electron/core/rse/mastodon/mappers';
import { partMarker, replyOnce } from '../../electron/core/tasks/convert-steps';

const TOKEN = 'mastodon-token';
const KEY = 'passerelleconversion0123456789abcdef0123456789abcdef';
const ME = {
  id: '1',
  username: 'ada',
  acct: 'ada',
  display_name: 'Ada',
  avatar: 'https://m.example/a.png',
};
const BOB = { id: '2', username: 'bob', acct: 'bob@other.example', display_name: '', avatar: '' };

const KEY_LIFETIME_MS = 60 * 60 * 1000;

interface Fake {
  statuses: MdStatus[];
  /** The text each status was written with (GET /statuses/:id/source). */
  sources: Map<string, string>;
  /** "account:key" → the status created and when. */
  idempotency: Map<string, { status: MdStatus; at: number }>;
  requests: string[];
  /** Media ids each created status was given. */
  media: Map<string, string[]>;
  nextId: number;
  now: number;
}
let fake: Fake;
let server: Server;
let url: string;

function status(id: number, extra: Partial<MdStatus> = {}): MdStatus {
  return {
    id: String(id),
    created_at: new Date(Date.UTC(2026, 0, 1, 0, id)).toISOString(),
    in_reply_to_id: null,
    content: `<p>Status ${id}</p>`,
    uri: `https://m.example/users/bob/statuses/${id}`,
    url: `https://m.example/@bob/${id}`,
    account: BOB,
    mentions: [],
    media_attachments: [],
    ...extra,
  };
}

/** The documented paging: newest first; min_id = the page right after that id. */
function page<T extends { id: string }>(all: T[], query: URLSearchParams): T[] {
  const limit = Math.min(Number(query.get('limit') ?? 20), 40);
  const sorted = [...all].sort((a, b) => Number(b.id) - Number(a.id));
  const minId = query.get('min_id');
  if (!minId) return sorted.slice(0, limit);
  return sorted.filter((s) => Number(s.id) > Number(minId)).slice(-limit);
}

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function handle(req: IncomingMessage): Promise<[number, unknown]> {
  const { pathname, searchParams } = new URL(req.url ?? '/', 'http://fake');
  fake.requests.push(`${req.method} ${pathname}${searchParams.size ? `?${searchParams}` : ''}`);
  if (req.headers.authorization !== `Bearer ${TOKEN}`)
    return [401, { error: 'The access token is invalid' }];
  const route = `${req.method} ${pathname}`;
  if (route === 'GET /api/v1/accounts/verify_credentials') return [200, ME];
  if (route === 'GET /api/v1/lists')
    return [200, [{ id: '7', title: 'Team', replies_policy: 'list' }]];
  if (route === 'GET /api/v1/timelines/home') return [200, page(fake.statuses, searchParams)];
  if (route === 'GET /api/v1/timelines/list/7')
    return [200, page(fake.statuses.slice(0, 1), searchParams)];
  if (route === 'GET /api/v1/notifications') {
    const mentions = fake.statuses
      .filter((s) => s.mentions?.some((m) => m.id === ME.id))
      .map((s) => ({
        id: `9${s.id}`,
        type: 'mention',
        created_at: s.created_at,
        account: BOB,
        status: s,
      }));
    return [
      200,
      searchParams.getAll('types[]').includes('mention') ? page(mentions, searchParams) : [],
    ];
  }
  const own = /^GET \/api\/v1\/accounts\/(\d+)\/statuses$/.exec(route);
  if (own) {
    const noReplies = searchParams.get('exclude_replies') === 'true';
    const theirs = fake.statuses.filter(
      (s) => s.account.id === own[1] && !(noReplies && s.in_reply_to_id),
    );
    return [200, page(theirs, searchParams)];
  }
  const context = /^GET \/api\/v1\/statuses\/(\d+)\/context$/.exec(route);
  if (context) {
    if (!fake.statuses.some((s) => s.id === context[1]))
      return [404, { error: 'Record not found' }];
    // Descendants: every status whose reply chain leads to this one, oldest first.
    const under = new Set([context[1]]);
    const descendants: MdStatus[] = [];
    for (const s of [...fake.statuses].sort((a, b) => Number(a.id) - Number(b.id))) {
      if (s.in_reply_to_id && under.has(s.in_reply_to_id)) {
        under.add(s.id);
        descendants.push(s);
      }
    }
    return [200, { ancestors: [], descendants }];
  }
  const source = /^GET \/api\/v1\/statuses\/(\d+)\/source$/.exec(route);
  if (source) {
    const found = fake.statuses.find((s) => s.id === source[1]);
    if (!found) return [404, { error: 'Record not found' }];
    if (found.account.id !== ME.id) return [404, { error: 'Record not found' }]; // own only
    return [200, { id: found.id, text: fake.sources.get(found.id) ?? '', spoiler_text: '' }];
  }
  const one = /^GET \/api\/v1\/statuses\/(\d+)$/.exec(route);
  if (one) {
    const found = fake.statuses.find((s) => s.id === one[1]);
    return found ? [200, found] : [404, { error: 'Record not found' }];
  }
  if (route === 'POST /api/v2/media') {
    const raw = (await body(req)).toString('latin1');
    if (
      !/multipart\/form-data/.test(req.headers['content-type'] ?? '') ||
      !raw.includes('name="file"')
    ) {
      return [422, { error: 'Validation failed: File can’t be blank' }];
    }
    // Large media are processed asynchronously: 202 and a null url until done.
    return [202, { id: String(fake.nextId++), type: 'image', url: null, description: null }];
  }
  if (route === 'POST /api/v1/statuses') {
    const header = req.headers['idempotency-key'];
    const key = typeof header === 'string' ? `${ME.id}:${header}` : undefined;
    const params = JSON.parse((await body(req)).toString('utf8')) as Record<string, unknown>;
    const kept = key ? fake.idempotency.get(key) : undefined;
    if (kept && fake.now - kept.at < KEY_LIFETIME_MS) return [200, kept.status];
    if (!params.status && !(params.media_ids as unknown[] | undefined)?.length) {
      return [422, { error: "Validation failed: Text can't be blank" }];
    }
    const created = status(fake.nextId++, {
      account: ME,
      content: `<p>${String(params.status).replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`,
      in_reply_to_id: (params.in_reply_to_id as string | undefined) ?? null,
    });
    fake.statuses.push(created);
    fake.sources.set(created.id, String(params.status ?? ''));
    fake.media.set(created.id, (params.media_ids as string[] | undefined) ?? []);
    if (key) fake.idempotency.set(key, { status: created, at: fake.now });
    return [200, created];
  }
  return [404, { error: 'Record not found' }];
}

beforeAll(async () => {
  server = createServer((req, res) => {
    handle(req).then(
      ([code, payload]) =>
        res.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(payload)),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  fake = {
    statuses: [],
    sources: new Map(),
    idempotency: new Map(),
    requests: [],
    media: new Map(),
    nextId: 1000,
    now: Date.UTC(2026, 0, 2),
  };
  for (let i = 1; i <= 45; i++) fake.statuses.push(status(i));
});

const connect = (token = TOKEN) => new MastodonConnector({ url, secret: token }, { maxRetries: 0 });
const since = new Date('2025-12-31T00:00:00Z');

describe('Mastodon connector against the documented API', () => {
  it('identifies the user and refuses a bad token as an authentication error', async () => {
    expect(await connect().identify()).toEqual({
      remoteId: '1',
      name: 'Ada',
      handle: 'ada',
      avatarUrl: ME.avatar,
    });
    await expect(connect('wrong').identify()).rejects.toMatchObject({ kind: 'authentication' });
  });

  it('offers the home timeline and lists as spaces', async () => {
    expect(await connect().listSpaces()).toEqual([
      { remoteId: 'home', name: 'Home', description: 'Accounts you follow' },
      { remoteId: 'list:7', name: 'Team' },
    ]);
  });

  it('reads the newest page first, then pages forward from the cursor', async () => {
    const connector = connect();
    const home = [{ remoteId: 'home', name: 'Home' }];
    const first = await connector.readActivity({
      spaces: home,
      cursors: {},
      knownPostIds: [],
      since,
    });
    expect(first.items).toHaveLength(40);
    expect(first.cursors['timeline:home']).toBe('45');

    for (let i = 46; i <= 130; i++) fake.statuses.push(status(i));
    fake.statuses.push(
      status(131, { in_reply_to_id: '130', mentions: [{ id: '1', acct: 'ada' }] }),
    );
    const next = await connector.readActivity({
      spaces: home,
      cursors: first.cursors,
      knownPostIds: [],
      since,
    });
    expect(next.items.map((i) => Number(i.remoteId)).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 86 }, (_, i) => 46 + i),
    );
    expect(next.cursors['timeline:home']).toBe('131');
    const reply = next.items.find((i) => i.remoteId === '131');
    expect(reply).toMatchObject({
      kind: 'comment',
      postRemoteId: '130',
      mentionsMe: true,
      spaceRemoteId: null,
    });
    expect(next.cursors.mentions).toBe('9131');
  });

  it('posts once per content even when the request is retried (Idempotency-Key)', async () => {
    const connector = connect();
    await connector.identify();
    const post = { spaceRemoteId: 'home', bodyHtml: '<p>Hello &amp; welcome</p>', attachments: [] };
    const a = await connector.createPost(post);
    const b = await connector.createPost(post);
    expect(b.remoteId).toBe(a.remoteId);
    expect(fake.statuses.filter((s) => s.account.id === ME.id)).toHaveLength(1);
    expect(a).toMatchObject({
      kind: 'post',
      bodyHtml: '<p>Hello &amp; welcome</p>',
      spaceRemoteId: 'home',
    });
  });

  it('uploads media with POST /api/v2/media and attaches it', async () => {
    const connector = connect();
    const post = await connector.createPost({
      spaceRemoteId: 'home',
      bodyHtml: '<p>Look</p>',
      attachments: [{ filename: 'a.png', contentType: 'image/png', data: new Uint8Array([1, 2]) }],
    });
    expect(fake.requests).toContain('POST /api/v2/media');
    expect(post.kind).toBe('post');
  });

  it('replies to a status, addressed to its author', async () => {
    const connector = connect();
    const reply = await connector.createComment({ postRemoteId: '12', bodyHtml: '<p>Agreed</p>' });
    expect(reply).toMatchObject({ kind: 'comment', postRemoteId: '12' });
    expect(fake.statuses.at(-1)?.content).toBe('<p>@bob@other.example Agreed</p>');
  });

  it('sends each part’s marker as its Idempotency-Key: a retried part is posted once', async () => {
    const connector = connect();
    const root = { spaceRemoteId: 'home', bodyHtml: 'Minutes', networkMarkup: true };
    const a = await connector.createPost({ ...root, attachments: [], marker: KEY });
    const b = await connector.createPost({ ...root, attachments: [], marker: KEY });
    expect(b.remoteId).toBe(a.remoteId);
    const reply = { postRemoteId: a.remoteId, bodyHtml: 'Agreed', networkMarkup: true };
    const r1 = await connector.createComment({ ...reply, marker: partMarker(KEY, 1) });
    const r2 = await connector.createComment({ ...reply, marker: partMarker(KEY, 1) });
    expect(r2.remoteId).toBe(r1.remoteId);
    // The same text as another part is another status: the key is the part, not the text.
    const r3 = await connector.createComment({ ...reply, marker: partMarker(KEY, 2) });
    expect(r3.remoteId).not.toBe(r1.remoteId);
    expect(fake.statuses.filter((s) => s.account.id === ME.id)).toHaveLength(3);
  });

  it('finds a reply in the post’s context by its source once the key has expired', async () => {
    const connector = connect();
    const post = await connector.createComment({ postRemoteId: '12', bodyHtml: 'Root' });
    const part = {
      postRemoteId: post.remoteId,
      body: 'Carol · 2 March\n\nApproved.',
      format: 'text' as const,
      marker: partMarker(KEY, 1),
    };
    const first = await replyOnce(connector, part);
    fake.now += KEY_LIFETIME_MS + 1; // the server has forgotten the key
    fake.requests.length = 0;
    const again = await replyOnce(connector, part);
    expect(again).toMatchObject({ kind: 'comment', remoteId: first.remoteId });
    expect(fake.requests).toEqual([
      `GET /api/v1/statuses/${post.remoteId}/context`,
      `GET /api/v1/statuses/${first.remoteId}/source`,
    ]);
    // Another text in that thread is not it, and gets posted.
    const other = await replyOnce(connector, { ...part, body: 'Dan · 3 March\n\nNoted.' });
    expect(other.remoteId).not.toBe(first.remoteId);
    expect(fake.statuses.filter((s) => s.in_reply_to_id === post.remoteId)).toHaveLength(2);
  });

  it('matches a reply to someone else’s status despite the @mention it was given', async () => {
    const connector = connect();
    const part = { postRemoteId: '12', body: 'Agreed', format: 'text' as const, marker: KEY };
    const first = await replyOnce(connector, part);
    expect(fake.sources.get(first.remoteId)).toBe('@bob@other.example Agreed');
    fake.now += KEY_LIFETIME_MS + 1;
    expect((await replyOnce(connector, part)).remoteId).toBe(first.remoteId);
    expect(fake.statuses.filter((s) => s.in_reply_to_id === '12')).toHaveLength(1);
  });

  it('attaches a reply’s files to that reply (media_ids)', async () => {
    const connector = connect();
    const reply = await replyOnce(connector, {
      postRemoteId: '12',
      body: 'Slides attached',
      format: 'text',
      marker: partMarker(KEY, 1),
      files: async () => [
        { filename: 'a.png', contentType: 'image/png', data: new Uint8Array([1]) },
        { filename: 'b.png', contentType: 'image/png', data: new Uint8Array([2]) },
      ],
    });
    expect(fake.requests.filter((r) => r === 'POST /api/v2/media')).toHaveLength(2);
    expect(fake.media.get(reply.remoteId)).toHaveLength(2);
  });

  it('finds a post among the account’s statuses by its source once the key has expired', async () => {
    const connector = connect();
    await connector.identify();
    const text = 'Quarterly review\n\nMinutes & next steps, by Ada.';
    const draft = { spaceRemoteId: 'home', bodyHtml: text, networkMarkup: true, attachments: [] };
    const posted = await connector.createPost({ ...draft, marker: KEY });
    // Others of Ada's statuses: one that starts otherwise, one that starts the same way.
    await connector.createPost({ ...draft, bodyHtml: 'Lunch at noon?' });
    const lookalike = await connector.createPost({ ...draft, bodyHtml: `${text} And more.` });
    fake.now += KEY_LIFETIME_MS + 1;
    fake.requests.length = 0;
    const found = await connector.findPostByMarker('home', KEY, draft);
    expect(found).toMatchObject({ kind: 'post', remoteId: posted.remoteId, spaceRemoteId: 'home' });
    // Only the statuses whose rendered text starts like the post have their source read.
    expect(fake.requests).toEqual([
      'GET /api/v1/accounts/1/statuses?limit=40&exclude_replies=true&exclude_reblogs=true',
      `GET /api/v1/statuses/${lookalike.remoteId}/source`,
      `GET /api/v1/statuses/${posted.remoteId}/source`,
    ]);
    const other = { ...draft, bodyHtml: 'Quarterly review\n\nSomething else.' };
    expect(await connector.findPostByMarker('home', KEY, other)).toBeNull();
  });
});
