// Contract test of the Mattermost user directory (@mention autocomplete, address lookup)
// against a Prism mock of Mattermost's own v4 spec: Prism validates every request and
// answers with the spec's examples, which the mapped results are checked against.
import { describe, expect, it } from 'vitest';
import { MattermostConnector } from '../../electron/core/rse/mattermost/connector';
import { mentionOf } from '../../electron/core/rse/mention-syntax';
import type { PrismMock } from '../harness/prism';
import { usePrism } from '../harness/use-prism';

let prism: PrismMock;
let connector: MattermostConnector;

usePrism('mattermost-openapi-v4.yaml', {}, (mock) => {
  prism = mock;
  connector = new MattermostConnector({ url: prism.url, secret: 'pat-token' }, { maxRetries: 0 });
});

describe('Mattermost user directory against the v4 spec', () => {
  it('has a mock that notices a request the spec forbids', async () => {
    // Proves the afterEach check can fail: autocomplete requires `name`.
    const answer = await fetch(`${prism.url}/api/v4/users/autocomplete`, {
      headers: { authorization: 'Bearer pat-token' },
    });
    await answer.body?.cancel();
    await expect.poll(() => prism.violations().length).toBeGreaterThan(0);
    prism.clearViolations();
  });

  it('autocompletes users and mentions them by username', async () => {
    const users = await connector.searchUsers('ad', 5);
    expect(users.length).toBeGreaterThan(0);
    expect(users[0]).toMatchObject({ remoteId: 'string', handle: 'string' });
    expect(mentionOf('mattermost', users[0]!)).toEqual({ text: '@string' });
  });

  it('finds a participant by address', async () => {
    const found = await connector.findUsersByEmail([{ email: 'Ada@Example.com', name: 'Ada' }]);
    // Keyed by the lower-case address, whatever the mail's spelling.
    expect([...found.keys()]).toEqual(['ada@example.com']);
    expect(found.get('ada@example.com')).toMatchObject({ handle: 'string' });
  });

  it('refuses a request without the token', async () => {
    const anonymous = new MattermostConnector({ url: prism.url, secret: '' }, { maxRetries: 0 });
    await expect(anonymous.searchUsers('ad', 5)).rejects.toMatchObject({ kind: 'authentication' });
    prism.clearViolations();
  });
});
