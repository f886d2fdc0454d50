// "Can we log in?" for the add-account form: connect, authenticate, log out, and say what
// failed in words the user can act on.
import type { ImapSettings } from '../../../shared/domain';
import { createImapClient, type OAuthTokenSource } from './imap-connection';
import { classifyImapError, type ClassifiedImapError } from './imap-errors';

export interface TestConnectionOptions {
  timeoutMs?: number;
  log?: (line: string) => void;
  /** XOAUTH2: refreshes a token the server rejects, once, before giving up. */
  oauth?: OAuthTokenSource;
}

/** Resolves null when the account works, else the classified problem. Never rejects. */
export async function testConnection(
  settings: ImapSettings,
  secret: string,
  opts: TestConnectionOptions = {},
): Promise<ClassifiedImapError | null> {
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const client = createImapClient(settings, secret, {
    disableAutoIdle: true,
    connectionTimeoutMs: timeoutMs,
    greetingTimeoutMs: timeoutMs,
    socketTimeoutMs: timeoutMs * 2,
    ...(opts.log ? { log: opts.log } : {}),
    ...(opts.oauth ? { oauth: opts.oauth } : {}),
  });
  client.on('error', () => undefined); // connect() rejects with the same error
  try {
    await client.connect();
    await client.logout();
    return null;
  } catch (error) {
    client.close();
    return classifyImapError(error, settings);
  }
}
