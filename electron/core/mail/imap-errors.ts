// Turns imapflow / socket errors into the few kinds the UI can act on, with a message that
// says what failed and what to do. Messages never include the password. Each message is
// also a CoreText (key + params) so the window can show it in the user's language.
import {
  coreText,
  formatCoreText,
  type CoreText,
  type CoreTextKey,
} from '../../../shared/core-text';
import type { ImapSettings } from '../../../shared/domain';
import { storageProblem } from '../storage-errors';
import { CertificateUntrustedError, type CertificateProblem } from './tls-trust';

export type ImapErrorKind =
  | 'auth-failed'
  | 'unavailable'
  | 'tls'
  /** The server's certificate failed verification; `certificate` says why and which one. */
  | 'certificate-untrusted'
  /** Not the server's fault: storing what it sent failed (a full disk). */
  | 'storage'
  | 'internal';

export interface ClassifiedImapError {
  code: ImapErrorKind;
  /** English, for the CLI and logs: `text` formatted. */
  message: string;
  /** The same message for translation; absent on problems made up outside this module. */
  text?: CoreText;
  /** For 'certificate-untrusted': what the user needs to decide whether to trust it. */
  certificate?: CertificateProblem;
}

/** Plain words for the verification codes people actually meet. */
const CERT_REASONS: Record<string, CoreTextKey> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'certSelfSigned',
  SELF_SIGNED_CERT_IN_CHAIN: 'certSelfSignedChain',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'certUnknownAuthority',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'certUnknownAuthority',
  UNABLE_TO_GET_ISSUER_CERT: 'certUnknownAuthority',
  ERR_TLS_CERT_ALTNAME_INVALID: 'certOtherHost',
  CERT_HAS_EXPIRED: 'certExpired',
  CERT_NOT_YET_VALID: 'certNotYetValid',
  CERT_REVOKED: 'certRevoked',
};

/** A status's or problem's English message with its CoreText (`fallback` when there is none). */
export function withText(
  text: CoreText | undefined,
  fallback = '',
): { message: string; text?: CoreText } {
  return text ? { message: formatCoreText(text), text } : { message: fallback };
}

function classified(
  code: ImapErrorKind,
  text: CoreText,
  certificate?: CertificateProblem,
): ClassifiedImapError {
  return { code, message: formatCoreText(text), text, ...(certificate ? { certificate } : {}) };
}

function findCertificateProblem(error: unknown): CertificateProblem | null {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    if (e instanceof CertificateUntrustedError) return e.problem;
    e = (e as ErrorLike)._err;
  }
  return null;
}

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  authenticationFailed?: unknown;
  tlsFailed?: unknown;
  serverResponseCode?: unknown;
  responseText?: unknown;
  _err?: unknown;
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'CONNECT_TIMEOUT',
  'GREETING_TIMEOUT',
  'ETIMEOUT',
  'NoConnection',
  'EConnectionClosed',
  'ClosedAfterConnectText',
  'ETHROTTLE',
]);

function codeOf(err: ErrorLike): string {
  const own = typeof err.code === 'string' ? err.code : '';
  if (own) return own;
  const inner = err._err as ErrorLike | undefined;
  return inner && typeof inner.code === 'string' ? inner.code : '';
}

function isTlsError(err: ErrorLike, code: string): boolean {
  if (err.tlsFailed === true || code === 'ClosedAfterConnectTLS' || code === 'UPGRADE_TIMEOUT')
    return true;
  if (/^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED)/.test(code)) return true;
  const msg = typeof err.message === 'string' ? err.message : '';
  return /STARTTLS|certificate|ssl|tls/i.test(msg) && !/plaintext/i.test(msg);
}

export function classifyImapError(
  error: unknown,
  settings?: Pick<ImapSettings, 'host' | 'port' | 'tls' | 'auth'>,
): ClassifiedImapError {
  const err = (
    error && typeof error === 'object' ? error : { message: String(error) }
  ) as ErrorLike;
  const code = codeOf(err);
  const where = settings ? `${settings.host}:${settings.port}` : coreText('theServer');
  const storage = storageProblem(error);
  if (storage) return classified('storage', storage);
  const certificate = findCertificateProblem(error);
  if (certificate) {
    const { reason, fingerprint } = certificate;
    const known = CERT_REASONS[reason];
    const why = known ? coreText(known) : coreText('certOther', { reason });
    return classified(
      'certificate-untrusted',
      coreText('imapCertUntrusted', { where, why, reason, fingerprint }),
      certificate,
    );
  }
  if (err.authenticationFailed === true || err.serverResponseCode === 'AUTHENTICATIONFAILED') {
    const key = settings?.auth === 'xoauth2' ? 'imapOauthRejected' : 'imapPasswordRejected';
    return classified('auth-failed', coreText(key, { where }));
  }
  if (isTlsError(err, code) && !UNAVAILABLE_CODES.has(code)) {
    const key = (settings?.tls ?? 'tls') === 'starttls' ? 'imapStarttlsFailed' : 'imapTlsFailed';
    return classified('tls', coreText(key, { where, detail: code || 'TLS error' }));
  }
  if (UNAVAILABLE_CODES.has(code)) {
    const why =
      code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? coreText('reachUnresolved', { host: settings?.host ?? '' })
        : code === 'ECONNREFUSED'
          ? coreText('reachRefused')
          : code === 'GREETING_TIMEOUT' && settings?.tls !== 'tls'
            ? coreText('reachNoGreeting')
            : /TIMEOUT|ETIMEDOUT/.test(code)
              ? coreText('reachTimeout')
              : coreText('reachLost');
    return classified('unavailable', coreText('imapUnreachable', { where, why }));
  }
  const detail =
    typeof err.responseText === 'string'
      ? err.responseText
      : typeof err.message === 'string'
        ? err.message
        : 'unknown error';
  return classified(
    'internal',
    coreText('imapUnexpected', {
      where,
      detail: `${detail.slice(0, 200)}${code ? ` (${code})` : ''}`,
    }),
  );
}
