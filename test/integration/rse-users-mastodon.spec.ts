// Mastodon user directory against a small fake that follows the documented REST API
// (docs.joinmastodon.org/methods/accounts#search and /methods/admin/accounts#v1): there is
// no official OpenAPI spec to mock. Addresses are only visible to admin tokens.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MastodonConnector } from '../../electron/core/rse/mastodon/connector';
import { mentionOf } from '../../electron/core/rse/mention-syntax';

const ADA = {
  id: '1',
  username: 'ada',
  acct: 'ada',
  display_name: 'Ada Lovelace',
  url: 'https://m.example/@ada',
};
const BOB = { id: '2', username: 'bob', acct: 'bob@other.example', display_name: '' };
let server: Server;
let url: string;
const requests: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const { pathname, searchParams } = new URL(req.url ?? '/', 'http://fake');
    requests.push(`${pathname}?${searchParams}`);
    const send = (status: number, body: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    const token = req.headers.authorization;
    if (token !== 'Bearer user' && token !== 'Bearer admin') {
      return send(401, { error: 'The access token is invalid' });
    }
    if (pathname === '/api/v1/accounts/search') {
      const q = (searchParams.get('q') ?? '').toLowerCase();
      const limit = Number(searchParams.get('limit') ?? 40);
      return send(200, [ADA, BOB].filter((a) => a.acct.startsWith(q)).slice(0, limit));
    }
    if (pathname === '/api/v1/admin/accounts') {
      if (token !== 'Bearer admin') return send(403, { error: 'This action is not allowed' });
      const email = searchParams.get('email');
      return send(200, email === 'ada@example.com' ? [{ id: '1', email, account: ADA }] : []);
    }
    return send(404, { error: 'Record not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

describe('Mastodon user directory', () => {
  it('searches known accounts without resolving remote ones, and mentions by acct', async () => {
    const connector = new MastodonConnector({ url, secret: 'user' }, { maxRetries: 0 });
    const users = await connector.searchUsers('b', 5);
    expect(users).toEqual([{ remoteId: '2', handle: 'bob@other.example', displayName: 'bob' }]);
    expect(mentionOf('mastodon', users[0]!)).toEqual({ text: '@bob@other.example' });
    expect(requests.at(-1)).toBe('/api/v1/accounts/search?q=b&limit=5&resolve=false');
  });

  it('matches addresses with an admin token only', async () => {
    const people = [{ email: 'ADA@example.com' }, { email: 'eve@example.com' }];
    const admin = new MastodonConnector({ url, secret: 'admin' }, { maxRetries: 0 });
    const found = await admin.findUsersByEmail(people);
    expect([...found.keys()]).toEqual(['ada@example.com']);
    expect(mentionOf('mastodon', found.get('ada@example.com')!)).toEqual({ text: '@ada' });

    requests.length = 0;
    const user = new MastodonConnector({ url, secret: 'user' }, { maxRetries: 0 });
    expect((await user.findUsersByEmail(people)).size).toBe(0);
    // The first refusal says this token may not look addresses up: no second request.
    expect(requests).toHaveLength(1);
  });
});
