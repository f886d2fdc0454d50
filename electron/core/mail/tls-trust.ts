// Certificate checks for IMAP connections, as an imapflow transport. Node's own check
// (tls.connect with rejectUnauthorized) can only say "no": it tears the socket down before
// anyone sees the certificate, so the user could not be shown the fingerprint to confirm.
// Here the handshake completes without sending anything, the verdict is ours, and a refused
// certificate becomes an error that names the reason and the SHA-256 fingerprint. The one
// exception is a certificate the user pinned by fingerprint for this account; a different
// certificate is still refused. Nothing is written to the socket before the verdict, so no
// credential ever reaches an untrusted server.
import { connect as netConnect, type Socket } from 'node:net';
import {
  connect as tlsConnect,
  rootCertificates,
  type ConnectionOptions,
  type PeerCertificate,
  type TLSSocket,
} from 'node:tls';
import type { ImapFlowOptions } from 'imapflow';

type ImapTransport = NonNullable<ImapFlowOptions['transport']>;

export interface CertificateTrust {
  /** SHA-256 fingerprint the user confirmed for this account (any common spelling). */
  pinnedSha256?: string | undefined;
  /** An extra CA (PEM) trusted for this account only, on top of the system roots. */
  extraCaPem?: string | undefined;
}

/** What the user is shown to decide whether to trust a certificate. */
export interface CertificateProblem {
  /** OpenSSL / Node verification code, e.g. DEPTH_ZERO_SELF_SIGNED_CERT, ERR_TLS_CERT_ALTNAME_INVALID. */
  reason: string;
  /** SHA-256 of the DER certificate, upper-case hex pairs joined by colons. */
  fingerprint: string;
  subject: string;
  issuer: string;
}

export class CertificateUntrustedError extends Error {
  readonly code = 'CERTIFICATE_UNTRUSTED';
  /** imapflow's marker for TLS failures; keeps the classification on the TLS side. */
  readonly tlsFailed = true;
  constructor(readonly problem: CertificateProblem) {
    super(`Untrusted server certificate (${problem.reason}), SHA-256 ${problem.fingerprint}`);
    this.name = 'CertificateUntrustedError';
  }
}

/** Upper-case hex pairs joined by colons, whatever the input used (colons, spaces, lower case). */
export function normalizeFingerprint(text: string): string | null {
  const hex = text.replace(/^sha-?256[:=\s]*/i, '').replace(/[\s:]/g, '');
  if (!/^[0-9a-f]{64}$/i.test(hex)) return null;
  return hex.toUpperCase().match(/../g)!.join(':');
}

/** Short human description of a certificate name (CN, else O), for messages. */
function nameOf(part: PeerCertificate['subject'] | undefined): string {
  if (!part) return '';
  const value = part.CN ?? part.O ?? '';
  return Array.isArray(value) ? value.join(', ') : value;
}

/** null when the connection may proceed; else why not. */
export function certificateVerdict(
  socket: TLSSocket,
  trust: CertificateTrust,
): CertificateProblem | null {
  // With rejectUnauthorized off Node still runs the chain and host name checks; their
  // outcome is in `authorized` / `authorizationError`.
  if (socket.authorized) return null;
  const cert = socket.getPeerCertificate();
  const fingerprint = cert?.fingerprint256 ?? '';
  const pinned = trust.pinnedSha256 ? normalizeFingerprint(trust.pinnedSha256) : null;
  if (pinned && fingerprint && pinned === fingerprint) return null;
  const reason = socket.authorizationError;
  return {
    reason: reason ? String(reason) : fingerprint ? 'CERTIFICATE_UNTRUSTED' : 'NO_CERTIFICATE',
    fingerprint,
    subject: nameOf(cert?.subject),
    issuer: nameOf(cert?.issuer),
  };
}

interface Destination {
  host: string;
  port: number;
  servername?: string | undefined;
  tls?: ConnectionOptions | undefined;
}

/** An imapflow transport (plain TCP, implicit TLS, STARTTLS upgrade) that applies `trust`. */
export function trustingTransport(trust: CertificateTrust): ImapTransport {
  const secure = (dest: Destination, onSecure: () => void, socket?: Socket): TLSSocket => {
    const tlsSocket: TLSSocket = tlsConnect(
      {
        ...dest.tls,
        host: dest.host,
        port: dest.port,
        ...(dest.servername ? { servername: dest.servername } : {}),
        ...(socket ? { socket } : {}),
        ...(trust.extraCaPem ? { ca: [...rootCertificates, trust.extraCaPem] } : {}),
        // Our verdict below replaces Node's automatic refusal; it never accepts more.
        rejectUnauthorized: false,
      },
      () => {
        const problem = certificateVerdict(tlsSocket, trust);
        if (problem) tlsSocket.destroy(new CertificateUntrustedError(problem));
        else onSecure();
      },
    );
    return tlsSocket;
  };
  return {
    connect(options, onConnect) {
      if (options.secure) return secure(options, onConnect);
      return netConnect({ host: options.host, port: options.port }, onConnect);
    },
    upgrade(socket, options, onSecure) {
      return secure(options, onSecure, socket as Socket);
    },
  };
}
