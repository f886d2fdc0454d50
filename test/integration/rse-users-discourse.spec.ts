// Discourse user directory. Address lookups use the admin user list, which is in
// discourse_api_docs' OpenAPI description: checked against a Prism mock of it. The
// @mention search (GET /u/search/users.json, what Discourse's composer calls) is not in
// that description, so it is checked against a small fake with Discourse's answer shape.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscourseConnector } from '../../electron/core/rse/discourse/connector';
import { mentionOf } from '../../electron/core/rse/mention-syntax';
import { startPrism, type PrismMock } from '../harness/prism';

let prism: PrismMock;
let fake: Server;
let fakeUrl: string;
const requests: string[] = [];
const USERS = [
  { username: 'ada', name: 'Ada Lovelace', avatar_template: '/a/{size}.png' },
  { username: 'adam', name: null, avatar_template: '/b/{size}.png' },
];

beforeAll(async () => {
  prism = await startPrism('discourse-openapi.json');
  fake = createServer((req, res) => {
    const { pathname, searchParams } = new URL(req.url ?? '/', 'http://fake');
    requests.push(`${pathname}?${searchParams}`);
    if (req.headers['user-api-key'] !== 'user-key') return void res.writeHead(403).end('{}');
    if (pathname !== '/u/search/users.json') return void res.writeHead(404).end('{}');
    const term = searchParams.get('term') ?? '';
    const users = USERS.filter((u) => u.username.startsWith(term));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ users }));
  });
  await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
  const address = fake.address();
  fakeUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}, 120_000);

afterAll(async () => {
  await prism?.stop();
  await new Promise((resolve) => fake?.close(resolve));
});

describe('Discourse user directory', () => {
  it('finds a participant by address with an admin key (against the spec)', async () => {
    const admin = new DiscourseConnector(
      { url: prism.url, user: 'alice', secret: 'api-key' },
      { maxRetries: 0 },
    );
    // The spec's example user has the address "string": only an exact address matches.
    const found = await admin.findUsersByEmail([{ email: 'String' }, { email: 'bob@example.com' }]);
    expect([...found.keys()]).toEqual(['string']);
    expect(found.get('string')).toMatchObject({ handle: 'string', email: 'string' });
    expect(prism.violations()).toEqual([]);
  });

  it('searches users by the start of their username and mentions them as @username', async () => {
    const user = new DiscourseConnector({ url: fakeUrl, secret: 'user-key' }, { maxRetries: 0 });
    const users = await user.searchUsers('ad', 5);
    expect(users.map((u) => [u.handle, u.displayName])).toEqual([
      ['ada', 'Ada Lovelace'],
      ['adam', 'adam'],
    ]);
    expect(users[0]!.profileUrl).toBe(`${fakeUrl}/u/ada`);
    expect(mentionOf('discourse', users[0]!)).toEqual({ text: '@ada' });
    expect(requests.at(-1)).toBe('/u/search/users.json?term=ad&include_groups=false&limit=5');
  });

  it('reports a refused key as a permission error', async () => {
    const wrong = new DiscourseConnector({ url: fakeUrl, secret: 'nope' }, { maxRetries: 0 });
    await expect(wrong.searchUsers('ad', 5)).rejects.toMatchObject({ kind: 'permission' });
  });
});
