// Helpers shared by the account handlers: the stored settings of a new IMAP account, the
// token refresh of an XOAUTH2 account, and connection problems as errors clients can act on.
import type { ImapSettings } from '../../../shared/domain';
import type { AddImapAccountParams } from '../../../shared/requests/core';
import type { CoreContext } from '../core-context';
import { secretKeyFor } from '../db/accounts';
import { CoreError } from '../errors';
import type { OAuthTokenSource } from '../mail/imap-connection';
import type { ClassifiedImapError } from '../mail/imap-errors';
import { createTokenSource } from '../mail/oauth-token';
import { normalizeFingerprint } from '../mail/tls-trust';

/** The stored settings of a new account: only what the user set, fingerprints normalised. */
export function imapSettingsFrom(
  params: Omit<AddImapAccountParams, 'name' | 'password' | 'smtp'>,
): ImapSettings {
  const pin = params.trustedCertSha256 ? normalizeFingerprint(params.trustedCertSha256) : null;
  return {
    host: params.host,
    port: params.port,
    tls: params.tls,
    user: params.user,
    ...(params.auth === 'xoauth2' ? { auth: 'xoauth2' as const } : {}),
    ...(params.oauthTokenCommand ? { oauthTokenCommand: params.oauthTokenCommand } : {}),
    ...(pin ? { trustedCertSha256: pin } : {}),
    ...(params.trustedCaPem ? { trustedCaPem: params.trustedCaPem } : {}),
  };
}

/** The token refresh of an XOAUTH2 account (undefined for password accounts). */
export function tokenSourceFor(
  ctx: CoreContext,
  accountId: string | undefined,
  settings: ImapSettings,
): OAuthTokenSource | undefined {
  if (settings.auth !== 'xoauth2') return undefined;
  return createTokenSource({
    accountId,
    settings,
    ...(ctx.options.oauthRefresh ? { hook: ctx.options.oauthRefresh } : {}),
    // A new token replaces the stored one, so later sessions (and restarts) start from it.
    ...(accountId ? { save: (token) => ctx.secrets.set(secretKeyFor(accountId), token) } : {}),
    log: (line) => ctx.log(`[mail ${accountId ?? 'new'}] ${line}`),
  });
}

/** A failed connection test as the error clients see, with the certificate facts if any. */
export function connectionProblemError(problem: ClassifiedImapError): CoreError {
  const cert = problem.certificate;
  // `text` lets the window say it in the user's language (shared/core-text.ts).
  const text: Record<string, string> = problem.text ? { text: JSON.stringify(problem.text) } : {};
  const details = cert ? { fingerprint: cert.fingerprint, reason: cert.reason, ...text } : text;
  return new CoreError(
    problem.code,
    problem.message,
    Object.keys(details).length > 0 ? details : undefined,
  );
}
