// Every connector reports failures as one of a few kinds, so the core can show them per
// account the same way whatever the network (and never echo a server body, which may
// quote a credential).
import { coreText, formatCoreText } from '../../../shared/core-text';
import type { AccountStatus } from '../../../shared/domain';
import { CoreError, type CoreErrorCode } from '../errors';
import { storageProblem } from '../storage-errors';

export type RseErrorKind =
  | 'authentication' // wrong or revoked password/token: the user must act
  | 'permission' // authenticated, but not allowed to do this
  | 'not-found'
  | 'rate-limited' // still limited after the retries Retry-After allowed
  | 'offline' // no answer: DNS, refused, timeout
  | 'invalid' // the server refused the request's content (4xx other than the above)
  | 'server'; // 5xx or an answer that is not what the API documents

export class RseError extends Error {
  constructor(
    readonly kind: RseErrorKind,
    message: string,
    readonly status?: number,
    /** For 'rate-limited': how long the server asked us to wait. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'RseError';
  }
}

/** The account status a failed sync leaves. */
export function statusForError(error: unknown): AccountStatus {
  if (error instanceof RseError) {
    if (error.kind === 'authentication') return { kind: 'auth-failed', message: error.message };
    if (error.kind === 'offline') return { kind: 'offline', message: error.message };
    return { kind: 'error', message: error.message };
  }
  const storage = storageProblem(error);
  const text = storage
    ? coreText('syncStoragePaused', { problem: storage })
    : coreText('syncUnexpected');
  return { kind: 'error', message: formatCoreText(text), text };
}

const CORE_CODES: Record<RseErrorKind, CoreErrorCode> = {
  authentication: 'auth-failed',
  // Its own code, not 'unavailable': the site answered, and what to fix is the user's
  // role or the token's scopes, not the network.
  permission: 'forbidden',
  'not-found': 'not-found',
  invalid: 'invalid-params',
  'rate-limited': 'unavailable',
  offline: 'unavailable',
  server: 'unavailable',
};

/** What a request handler throws, so the client sees a stable code and a safe message. */
export function toCoreError(error: unknown): unknown {
  if (!(error instanceof RseError)) return error;
  return new CoreError(CORE_CODES[error.kind], error.message);
}
