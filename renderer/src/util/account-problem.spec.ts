import { describe, expect, it } from 'vitest';
import { describeProblem, describeStatus } from './account-problem';

describe('describeProblem', () => {
  it('turns a refused WordPress sign-in into where to make an application password', () => {
    const message = 'WordPress: the server refused the credentials.';
    const problem = describeProblem('wordpress', 'auth-failed', message);
    expect(problem.title).toBe('The site refused these credentials.');
    expect(problem.detail).toBe(message);
    expect(problem.fix).toContain('Users → Profile → Application Passwords');
  });

  it('names each network’s own place for its token', () => {
    expect(describeProblem('mattermost', 'auth-failed', 'x').fix).toContain(
      'Personal Access Tokens',
    );
    expect(describeProblem('zulip', 'auth-failed', 'x').fix).toContain('API key');
    expect(describeProblem('mastodon', 'auth-failed', 'x').fix).toContain('Development');
  });

  it('does not say "could not reach" when the site answered but refused this user', () => {
    const reach = describeProblem('wordpress', 'unavailable', 'https://x: no answer.');
    expect(reach.title).toBe('Could not reach the site.');
    const denied = describeProblem(
      'wordpress',
      'unavailable',
      'GET /wp/v2/users/me: not allowed for this user.',
    );
    expect(denied.title).toMatch(/not allowed/);
    const broken = describeProblem('zulip', 'unavailable', 'x: the server failed (HTTP 502).');
    expect(broken.title).toBe('The site answered with an error.');
  });

  it('explains a missing API or feed, and keeps unknown codes generic', () => {
    expect(describeProblem('wordpress', 'not-found', 'no REST API').title).toBe(
      'This address does not look like a WordPress site.',
    );
    expect(describeProblem('feed', 'not-found', 'no feed').title).toBe('No feed at this address.');
    expect(describeProblem('imap', 'tls', 'handshake').title).toBe('The secure connection failed.');
    expect(describeProblem('mastodon', 'internal', 'boom')).toEqual({
      title: 'Could not add the account.',
      detail: 'boom',
    });
  });
});

describe('describeStatus', () => {
  it('says why an account is not syncing and what to do', () => {
    expect(describeStatus({ kind: 'online' })).toEqual({ text: 'Up to date' });
    const offline = describeStatus({ kind: 'offline', message: 'x: no answer.' });
    expect(offline.text).toBe('Offline: x: no answer.');
    expect(offline.fix).toMatch(/retrying/);
    expect(describeStatus({ kind: 'auth-failed', message: 'refused' }).fix).toMatch(/add it again/);
    expect(describeStatus({ kind: 'online' }, true).text).toBe('Paused');
  });
});
