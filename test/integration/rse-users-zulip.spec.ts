// Contract test of the Zulip user directory against a Prism mock of Zulip's OpenAPI spec
// (patched like rse-contract-zulip.spec.ts: the spec's security names `basicAuth` while
// the scheme is `BasicAuth`). GET /users answers the spec's example members.
import { describe, expect, it } from 'vitest';
import { mentionOf } from '../../electron/core/rse/mention-syntax';
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

describe('Zulip user directory against the spec', () => {
  it('filters the organisation by the start of a name, and mentions by name and id', async () => {
    const users = await connector.searchUsers('kin', 5);
    expect(users.map((u) => u.displayName)).toEqual(['King Hamlet']);
    expect(mentionOf('zulip', users[0]!).text).toMatch(/^@\*\*King Hamlet\|\d+\*\*$/u);
    // Any word of the name counts, as in Zulip's own typeahead.
    expect((await connector.searchUsers('ham', 5)).map((u) => u.displayName)).toEqual([
      'King Hamlet',
    ]);
    expect(await connector.searchUsers('nobody-like-this', 5)).toEqual([]);
  });

  it('matches participants by their API address, case-insensitively', async () => {
    const found = await connector.findUsersByEmail([
      { email: 'aaron@zulip.com' },
      { email: 'stranger@example.com' },
    ]);
    expect([...found.keys()]).toEqual(['aaron@zulip.com']);
    expect(found.get('aaron@zulip.com')).toMatchObject({ displayName: 'aaron', handle: 'aaron' });
  });
});
