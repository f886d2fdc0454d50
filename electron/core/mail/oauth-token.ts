// Fresh OAuth2 access tokens for XOAUTH2 accounts. Passerelle does not run the OAuth dance
// itself: the account names a refresh hook (a command printing a token, such as
// `oama access USER` or a script around a provider's token endpoint, or a function given
// to the core by its host), asked only when the server rejects the current token.
import { execFile } from 'node:child_process';
import type { ImapSettings } from '../../../shared/domain';
import type { OAuthTokenSource } from './imap-connection';

/** A host-provided refresh hook (CoreOptions.oauthRefresh); resolves with a new token. */
export type OAuthRefreshHook = (account: {
  accountId: string | undefined;
  user: string;
  host: string;
}) => Promise<string>;

export interface TokenSourceOptions {
  accountId?: string;
  settings: ImapSettings;
  /** Tried before the account's command. */
  hook?: OAuthRefreshHook;
  /** Keeps the new token (the secret store), so a restart does not start from an expired one. */
  save?: (token: string) => Promise<void>;
  log?: (line: string) => void;
  commandTimeoutMs?: number;
}

const MAX_TOKEN_BYTES = 16 * 1024;

/** Runs the command through the shell (users paste pipelines); the first stdout line is the token. */
export function runTokenCommand(command: string, timeoutMs = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      '/bin/sh',
      ['-c', command],
      { timeout: timeoutMs, maxBuffer: MAX_TOKEN_BYTES, windowsHide: true },
      (error, stdout) => {
        // Never quote stdout or stderr: either may hold a token or a client secret.
        if (error) {
          const code = (error as { code?: unknown }).code;
          reject(new Error(`The OAuth token command failed (exit status ${String(code)}).`));
          return;
        }
        const token = stdout.split(/\r?\n/, 1)[0]?.trim() ?? '';
        if (!token) reject(new Error('The OAuth token command printed no token.'));
        else resolve(token);
      },
    );
  });
}

/** The refresh side of an XOAUTH2 account, shared by every client of that account. */
export function createTokenSource(opts: TokenSourceOptions): OAuthTokenSource {
  let latest: string | undefined;
  let pending: Promise<string> | null = null;
  const obtain = async (): Promise<string> => {
    if (opts.hook) {
      return await opts.hook({
        accountId: opts.accountId,
        user: opts.settings.user,
        host: opts.settings.host,
      });
    }
    if (opts.settings.oauthTokenCommand) {
      return await runTokenCommand(opts.settings.oauthTokenCommand, opts.commandTimeoutMs);
    }
    throw new Error('This account has no way to refresh its OAuth token.');
  };
  return {
    current: () => latest,
    refresh() {
      // Sessions rejected at the same moment share one refresh instead of racing the hook.
      pending ??= (async () => {
        try {
          const token = await obtain();
          latest = token;
          await opts.save?.(token);
          opts.log?.('OAuth access token refreshed');
          return token;
        } catch (error) {
          // The reason stays out of the log: a hook's message might quote what it was sent.
          opts.log?.('OAuth token refresh failed');
          throw error;
        } finally {
          pending = null;
        }
      })();
      return pending;
    },
  };
}
