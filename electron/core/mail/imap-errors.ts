// Turns imapflow / socket errors into the few kinds the UI can act on, with a message that
// says what failed and what to do. Messages never include the password.
import type { ImapSettings } from '../../../shared/domain';
import { CertificateUntrustedError, type CertificateProblem } from './tls-trust';

export type ImapErrorKind =
  | 'auth-failed'
  | 'unavailable'
  | 'tls'
  /** The server's certificate failed verification; `certificate` says why and which one. */
  | 'certificate-untrusted'
  | 'internal';

export interface ClassifiedImapError {
  code: ImapErrorKind;
  message: string;
  /** For 'certificate-untrusted': what the user needs to decide whether to trust it. */
  certificate?: CertificateProblem;
}

/** Plain words for the verification codes people actually meet. */
const CERT_REASONS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'it is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'it was issued by a self-signed authority nobody vouches for',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'it was issued by an unknown certificate authority',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'it was issued by an unknown certificate authority',
  UNABLE_TO_GET_ISSUER_CERT: 'it was issued by an unknown certificate authority',
  ERR_TLS_CERT_ALTNAME_INVALID: 'it was issued for another host name',
  CERT_HAS_EXPIRED: 'it has expired',
  CERT_NOT_YET_VALID: 'it is not valid yet',
  CERT_REVOKED: 'it was revoked',
};

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
  const where = settings ? `${settings.host}:${settings.port}` : 'the server';
  const certificate = findCertificateProblem(error);
  if (certificate) {
    const why = CERT_REASONS[certificate.reason] ?? `verification failed (${certificate.reason})`;
    return {
      code: 'certificate-untrusted',
      message: `The certificate of ${where} is not trusted: ${why} [${certificate.reason}]. SHA-256 fingerprint: ${certificate.fingerprint}. Only trust it if you can confirm this fingerprint with the server's administrator.`,
      certificate,
    };
  }
  if (err.authenticationFailed === true || err.serverResponseCode === 'AUTHENTICATIONFAILED') {
    if (settings?.auth === 'xoauth2') {
      return {
        code: 'auth-failed',
        message: `The server at ${where} rejected the OAuth access token, and the account's token refresh did not provide one it accepts. Check the token command (or sign in again with your provider), then try again.`,
      };
    }
    return {
      code: 'auth-failed',
      message: `The server at ${where} rejected the user name or password. Check both, then try again (some providers require an app password).`,
    };
  }
  if (isTlsError(err, code) && !UNAVAILABLE_CODES.has(code)) {
    const mode = settings?.tls ?? 'tls';
    return {
      code: 'tls',
      message:
        mode === 'starttls'
          ? `Could not secure the connection to ${where} with STARTTLS (${code || 'TLS error'}). Check that the server offers STARTTLS on this port and has a valid certificate, or choose implicit TLS (usually port 993).`
          : `The TLS handshake with ${where} failed (${code || 'TLS error'}). Check the port (993 for implicit TLS, 143 for STARTTLS) and that the server's certificate is valid.`,
    };
  }
  if (UNAVAILABLE_CODES.has(code)) {
    const reason =
      code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? `the host name ${settings?.host ?? ''} could not be resolved`
        : code === 'ECONNREFUSED'
          ? 'the connection was refused'
          : code === 'GREETING_TIMEOUT' && settings?.tls !== 'tls'
            ? 'the server did not greet in time (if it expects TLS on this port, choose TLS)'
            : /TIMEOUT|ETIMEDOUT/.test(code)
              ? 'the server did not answer in time'
              : 'the connection was lost';
    return {
      code: 'unavailable',
      message: `Could not reach ${where}: ${reason}. Check the host name and port, and your network connection.`,
    };
  }
  const detail =
    typeof err.responseText === 'string'
      ? err.responseText
      : typeof err.message === 'string'
        ? err.message
        : 'unknown error';
  return {
    code: 'internal',
    message: `Unexpected IMAP error from ${where}: ${detail.slice(0, 200)}${code ? ` (${code})` : ''}.`,
  };
}
