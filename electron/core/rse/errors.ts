// Every connector reports failures as one of a few kinds, so the core can show them per
// account the same way whatever the network (and never echo a server body, which may
// quote a credential).
import type { AccountStatus } from '../../../shared/domain';
import { CoreError } from '../errors';

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
  return { kind: 'error', message: 'Unexpected failure; the details are in the log.' };
}

/** What a request handler throws, so the client sees a stable code and a safe message. */
export function toCoreError(error: unknown): unknown {
  if (!(error instanceof RseError)) return error;
  const code =
    error.kind === 'authentication'
      ? 'auth-failed'
      : error.kind === 'not-found'
        ? 'not-found'
        : error.kind === 'invalid'
          ? 'invalid-params'
          : 'unavailable';
  return new CoreError(code, error.message);
}
