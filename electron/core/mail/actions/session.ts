// Short-lived IMAP sessions for outbox tasks. A task opens its own session rather than
// borrowing the account's IDLE session, so a slow or failing write never stalls push,
// and a fresh client each time follows imapflow's rule that instances are not reusable.
import type { ImapFlow } from 'imapflow';
import type { ImapSettings } from '../../../../shared/domain';
import { createImapClient, type OAuthTokenSource } from '../imap-connection';
import { classifyImapError } from '../imap-errors';

/** The server said no to a command (RFC 3501 §7.1.2 NO / §7.1.3 BAD): retrying will not help. */
export class ServerRefusal extends Error {
  readonly permanent = true;
  constructor(message: string) {
    super(message);
    this.name = 'ServerRefusal';
  }
}

export interface ImapAccess {
  settings: ImapSettings;
  /** The password, or the access token of an XOAUTH2 account. */
  password: string;
  /** XOAUTH2: refreshes a token the server rejects, once per session. */
  oauth?: OAuthTokenSource;
}

export async function withImapSession<T>(
  access: ImapAccess,
  job: (client: ImapFlow) => Promise<T>,
): Promise<T> {
  const client = createImapClient(access.settings, access.password, {
    disableAutoIdle: true,
    connectionTimeoutMs: 15_000,
    socketTimeoutMs: 60_000,
    ...(access.oauth ? { oauth: access.oauth } : {}),
  });
  client.on('error', () => undefined); // commands reject with the same error
  try {
    await client.connect();
    const result = await job(client);
    await client.logout().catch(() => undefined);
    return result;
  } catch (error) {
    client.close();
    if (error instanceof ServerRefusal) throw error;
    const refused = (error as { responseStatus?: unknown }).responseStatus;
    const problem = classifyImapError(error, access.settings);
    if ((refused === 'NO' || refused === 'BAD') && problem.code === 'internal') {
      throw new ServerRefusal(problem.message);
    }
    throw new Error(problem.message);
  }
}

/**
 * imapflow reports a refused STORE/MOVE/COPY as `false` rather than an exception. When the
 * session is still usable the server refused it; otherwise the connection dropped.
 */
export function checkResult<T>(client: ImapFlow, result: T | false | undefined, what: string): T {
  if (result !== false && result !== undefined) return result;
  if (client.usable) throw new ServerRefusal(`The server refused to ${what}.`);
  throw new Error(`The connection was lost while trying to ${what}.`);
}
