// Errors the core reports to clients. Only CoreError messages reach the user as they
// are; anything else becomes a generic 'internal' outcome, so no stack trace or
// server response (which might quote a credential) crosses the boundary.
import type { ApiError } from '../../shared/contract';
import { formatCoreText } from '../../shared/core-text';
import { storageProblem } from './storage-errors';

export type CoreErrorCode =
  | 'invalid-params'
  | 'unknown-request'
  | 'not-found'
  | 'conflict'
  | 'auth-failed'
  /** Signed in, but the server does not let this user do it (HTTP 403, a network's "forbidden"). */
  | 'forbidden'
  | 'unavailable'
  | 'tls'
  /** A server certificate failed verification; details carry its fingerprint and the reason. */
  | 'certificate-untrusted'
  | 'newer-database'
  /** A file over the size this transport carries (attachments.get in browser mode). */
  | 'too-large'
  /** The profile's disk is full or refused the write; nothing was changed. */
  | 'storage'
  | 'internal';

export class CoreError extends Error {
  constructor(
    readonly code: CoreErrorCode,
    message: string,
    /** Machine-readable facts for the client (ApiError.details); never secrets. */
    readonly details?: Record<string, string>,
  ) {
    super(message);
    this.name = 'CoreError';
  }
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof CoreError) {
    return {
      code: error.code,
      message: error.message,
      ...(error.details ? { details: error.details } : {}),
    };
  }
  // A full disk is the user's to fix, and its error says nothing private: say what it is.
  const storage = storageProblem(error);
  if (storage) {
    return {
      code: 'storage',
      message: formatCoreText(storage),
      details: { text: JSON.stringify(storage) },
    };
  }
  return {
    code: 'internal',
    message: 'Something went wrong inside Passerelle; the details are in its log.',
  };
}
