// Builds ImapFlow clients from account settings. One fresh client per connection:
// imapflow instances cannot be reused after 'close'.
import { ImapFlow, type ImapFlowOptions, type Logger } from 'imapflow';
import type { ImapSettings } from '../../../shared/domain';

export interface ImapClientOptions {
  /** Diagnostics sink; gets redacted one-line summaries, never credentials. */
  log?: (line: string) => void;
  /** Start IDLE this long after the last command (imapflow's auto-IDLE). */
  autoIdleDelayMs?: number;
  connectionTimeoutMs?: number;
  greetingTimeoutMs?: number;
  socketTimeoutMs?: number;
  /** Set for one-shot clients (testConnection, setSeen) that must never IDLE. */
  disableAutoIdle?: boolean;
}

/** Maps the account's TLS choice to imapflow: `secure` for implicit TLS, a required STARTTLS upgrade, or plain. */
export function tlsOptions(settings: ImapSettings): Pick<ImapFlowOptions, 'secure' | 'doSTARTTLS'> {
  switch (settings.tls) {
    case 'tls':
      return { secure: true };
    case 'starttls':
      // Required: a server that stops offering STARTTLS (or an attacker stripping it) fails the connect.
      return { secure: false, doSTARTTLS: true };
    case 'none':
      return { secure: false, doSTARTTLS: false };
  }
}

const SECRET_KEYS = /pass|token|auth|secret|credential/i;

/** Drops anything that could carry a secret from a log entry before it leaves the process. */
export function redact(entry: unknown): string {
  if (entry === null || typeof entry !== 'object') return String(entry);
  const obj = entry as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of ['msg', 'cid', 'command', 'code', 'err']) {
    const value = obj[key];
    if (value === undefined || value === null) continue;
    if (key === 'err' && value instanceof Error) {
      parts.push(`err=${value.message}`);
      continue;
    }
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    if (!text || SECRET_KEYS.test(key)) continue;
    // Raw protocol lines (LOGIN/AUTHENTICATE) never reach here: logRaw stays off.
    parts.push(`${key}=${/LOGIN|AUTHENTICATE/i.test(text) ? '[redacted]' : text.slice(0, 200)}`);
  }
  return parts.join(' ');
}

function makeLogger(log: (line: string) => void): Logger {
  const at = (level: string) => (obj: unknown) => log(`[imap ${level}] ${redact(obj)}`);
  // debug/trace carry protocol chatter; only warnings and errors are worth a line.
  const quiet = () => undefined;
  return {
    trace: quiet,
    debug: quiet,
    info: quiet,
    warn: at('warn'),
    error: at('error'),
    fatal: at('fatal'),
  };
}

export function imapFlowOptions(
  settings: ImapSettings,
  password: string,
  opts: ImapClientOptions = {},
): ImapFlowOptions {
  return {
    host: settings.host,
    port: settings.port,
    ...tlsOptions(settings),
    auth: { user: settings.user, pass: password },
    logger: opts.log ? makeLogger(opts.log) : false,
    logRaw: false,
    // QRESYNC when the server offers it (imapflow ENABLEs it only if advertised): VANISHED
    // instead of a UID diff, and UIDs in expunge events.
    qresync: true,
    disableAutoIdle: opts.disableAutoIdle ?? false,
    autoIdleDelay: opts.autoIdleDelayMs ?? 1_000,
    connectionTimeout: opts.connectionTimeoutMs ?? 20_000,
    greetingTimeout: opts.greetingTimeoutMs ?? 16_000,
    socketTimeout: opts.socketTimeoutMs ?? 5 * 60_000,
    // Keep server-side timeouts (and NAT boxes) from silently killing a long IDLE.
    maxIdleTime: 25 * 60_000,
    clientInfo: { name: 'Passerelle' },
  };
}

export function createImapClient(
  settings: ImapSettings,
  password: string,
  opts: ImapClientOptions = {},
): ImapFlow {
  return new ImapFlow(imapFlowOptions(settings, password, opts));
}
