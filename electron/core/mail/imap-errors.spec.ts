// Every connection problem the core reports carries its text as a key and parameters
// (for the window to translate) that formats to exactly the English message it logs.
import { describe, expect, it } from 'vitest';
import { formatCoreText } from '../../../shared/core-text';
import type { ImapSettings } from '../../../shared/domain';
import { classifyImapError, withText } from './imap-errors';

const settings: Pick<ImapSettings, 'host' | 'port' | 'tls' | 'auth'> = {
  host: 'imap.example.test',
  port: 143,
  tls: 'starttls',
  auth: 'password',
};

const failures: [string, unknown, Partial<typeof settings>?][] = [
  ['imapPasswordRejected', { authenticationFailed: true }],
  ['imapOauthRejected', { authenticationFailed: true }, { auth: 'xoauth2' }],
  ['imapStarttlsFailed', { code: 'ERR_SSL_WRONG_VERSION_NUMBER' }],
  ['imapTlsFailed', { tlsFailed: true }, { tls: 'tls' }],
  ['imapUnreachable', { code: 'ECONNREFUSED' }],
  ['imapUnreachable', { code: 'ENOTFOUND' }],
  ['imapUnexpected', new Error('BAD command')],
];

describe('classified IMAP problems as texts', () => {
  it.each(failures)('%s: the message is the text, formatted', (key, error, overrides) => {
    const problem = classifyImapError(error, { ...settings, ...overrides });
    expect(problem.text?.key).toBe(key);
    expect(problem.message).toBe(formatCoreText(problem.text!));
    expect(problem.message).toContain('imap.example.test:143');
  });

  it('keeps the English wording people and logs already know', () => {
    expect(classifyImapError({ code: 'ECONNREFUSED' }, settings).message).toBe(
      'Could not reach imap.example.test:143: the connection was refused. Check the host name and port, and your network connection.',
    );
    expect(classifyImapError({ code: 'ENOTFOUND' }, settings).text?.params?.why).toEqual({
      key: 'reachUnresolved',
      params: { host: 'imap.example.test' },
    });
    // Without settings the place is a text of its own, translated with the sentence.
    expect(classifyImapError({ authenticationFailed: true }).text?.params?.where).toEqual({
      key: 'theServer',
    });
  });

  it('gives a status its message and text, or the fallback alone', () => {
    const problem = classifyImapError({ code: 'ETIMEDOUT' }, settings);
    expect(withText(problem.text)).toEqual({ message: problem.message, text: problem.text });
    expect(withText(undefined, 'As it was.')).toEqual({ message: 'As it was.' });
  });
});
