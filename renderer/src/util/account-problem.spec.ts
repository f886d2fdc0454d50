import { afterEach, describe, expect, it } from 'vitest';
import { coreText, formatCoreText } from '../../../shared/core-text';
import { setLocale } from '../i18n';
import { NETWORK_LABELS, describeProblem, describeStatus } from './account-problem';

afterEach(() => setLocale('en'));

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

describe('a permission refusal (the core’s forbidden code)', () => {
  it('is its own problem, saying which role or scope each network needs', () => {
    const message = 'POST /wp/v2/posts: not allowed for this user.';
    const wp = describeProblem('wordpress', 'forbidden', message);
    expect(wp.title).toBe('Signed in, but this user is not allowed to do that.');
    expect(wp.detail).toBe(message);
    expect(wp.fix).toMatch(/Author or above/);
    expect(describeProblem('mastodon', 'forbidden', 'x').fix).toMatch(/read and write scopes/);
    expect(describeProblem('mattermost', 'forbidden', 'x').fix).toMatch(/team and channel/);
    expect(describeProblem('zulip', 'forbidden', 'x').fix).toMatch(/Subscribe/);
    expect(describeProblem('discourse', 'forbidden', 'x').fix).toMatch(/scope/);
    // Not the credentials' problem, nor the network's.
    expect(wp.title).not.toBe(describeProblem('wordpress', 'auth-failed', message).title);
    expect(wp.title).not.toBe(describeProblem('wordpress', 'unavailable', 'x: no answer.').title);
  });

  it('says what to fix when a sync was refused for lack of rights', () => {
    const status = {
      kind: 'error' as const,
      message: 'GET /wp/v2/posts: not allowed for this user.',
    };
    expect(describeStatus(status, false, 'wordpress').fix).toMatch(/Author or above/);
    expect(
      describeStatus({ kind: 'error', message: 'boom' }, false, 'wordpress').fix,
    ).toBeUndefined();
  });
});

describe('describeStatus', () => {
  it('says why an account is not syncing and what to do', () => {
    expect(describeStatus({ kind: 'online' })).toEqual({ text: 'Up to date' });
    const offline = describeStatus({ kind: 'offline', message: 'x: no answer.' });
    expect(offline.text).toBe('Offline: x: no answer.');
    expect(offline.fix).toMatch(/retrying/);
    expect(describeStatus({ kind: 'auth-failed', message: 'refused' }).fix).toMatch(
      /change it in this account’s settings/,
    );
    expect(describeStatus({ kind: 'online' }, true).text).toBe('Paused');
  });

  it('sends a full disk to the disk, not to the network or the server', () => {
    const text = coreText('syncStoragePaused', { problem: coreText('storageFull') });
    const full = describeStatus({ kind: 'error', message: formatCoreText(text), text });
    expect(full.text).toMatch(/^Error: The disk holding Passerelle's data is full/);
    expect(full.fix).toMatch(/Free some space on the disk that holds your profile/);
    const refused = describeProblem('imap', 'storage', formatCoreText(coreText('storageFull')));
    expect(refused.title).toBe('Passerelle could not write to its disk.');
    expect(refused.fix).toMatch(/Free some space/);
    // Another failure of the same kind keeps no fix: nothing to point the user at.
    expect(describeStatus({ kind: 'error', message: 'Unexpected failure.' }).fix).toBeUndefined();
  });
});

describe('in French', () => {
  it('says the same things in French, network names untouched', () => {
    setLocale('fr');
    const denied = describeProblem('wordpress', 'forbidden', 'POST /wp/v2/posts: not allowed.');
    expect(denied.title).toBe('Connecté, mais cet utilisateur n’a pas le droit de faire cela.');
    expect(denied.fix).toMatch(/Auteur ou plus/);
    expect(describeStatus({ kind: 'online' }).text).toBe('À jour');
    expect(NETWORK_LABELS.imap).toBe('Messagerie (IMAP)');
    expect(NETWORK_LABELS.wordpress).toBe('WordPress');
  });
});
