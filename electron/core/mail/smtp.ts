// Sends an already composed message over SMTP with nodemailer. The raw message is built
// once (smtp-compose.ts) and stored in the outbox, so a retry sends the very same bytes
// with the same Message-ID, and the copy APPENDed to Sent is identical to what was sent.
import nodemailer from 'nodemailer';
import type { SmtpSettings } from '../../../shared/requests/mail-actions';

export interface SmtpAccess {
  settings: SmtpSettings;
  user: string;
  password: string;
}

export interface Envelope {
  from: string;
  to: string[];
}

/** A reply the server will give again (RFC 5321 §4.2.1: 5yz is a permanent negative completion). */
export class SmtpRefusal extends Error {
  readonly permanent = true;
  constructor(message: string) {
    super(message);
    this.name = 'SmtpRefusal';
  }
}

export function transportOptions(access: SmtpAccess) {
  const { host, port, tls } = access.settings;
  return {
    host,
    port,
    secure: tls === 'tls',
    // STARTTLS chosen means required: a server (or a man in the middle) that drops it fails.
    requireTLS: tls === 'starttls',
    ignoreTLS: tls === 'none',
    auth: { user: access.user, pass: access.password },
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
    logger: false,
  };
}

export async function sendRaw(
  access: SmtpAccess,
  envelope: Envelope,
  raw: string,
): Promise<{ rejected: string[] }> {
  const transport = nodemailer.createTransport(transportOptions(access));
  try {
    const info = await transport.sendMail({
      envelope: { from: envelope.from, to: envelope.to },
      raw,
    });
    return { rejected: (info.rejected ?? []).map(String) };
  } catch (error) {
    const e = error as {
      responseCode?: number;
      response?: string;
      code?: string;
      message?: string;
    };
    const where = `${access.settings.host}:${access.settings.port}`;
    if (typeof e.responseCode === 'number' && e.responseCode >= 500) {
      throw new SmtpRefusal(
        `The SMTP server ${where} refused the message: ${(e.response ?? e.message ?? '').slice(0, 300)}`,
      );
    }
    if (e.code === 'EAUTH') {
      throw new Error(`The SMTP server ${where} rejected the user name or password.`);
    }
    const detail = e.response ?? e.message ?? String(error);
    throw new Error(`Could not send through ${where}: ${detail.slice(0, 300)}`);
  } finally {
    transport.close();
  }
}
