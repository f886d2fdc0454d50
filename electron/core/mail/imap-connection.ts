// Builds ImapFlow clients from account settings. One fresh client per connection:
// imapflow instances cannot be reused after 'close'.
import { ImapFlow, type ImapFlowOptions, type Logger } from 'imapflow';
import type { ImapSettings } from '../../../shared/domain';
import { trustingTransport } from './tls-trust';

/**
 * Where an OAuth2 account gets its access token, and how it gets a new one when the server
 * rejects it (electron/core/mail/oauth-token.ts builds one from the account's settings).
 */
export interface OAuthTokenSource {
  /** The freshest token known, when newer than the secret the client was created with. */
  current(): string | undefined;
  /** Asks the account's refresh hook for a new token; rejects when it cannot. */
  refresh(): Promise<string>;
}

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
  /** OAuth2 accounts: a token rejected at login is refreshed once through this, then retried. */
  oauth?: OAuthTokenSource;
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

type LevelAwareLogger = Logger & { isLevelEnabled(level: string): boolean };

function makeLogger(log: (line: string) => void): LevelAwareLogger {
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
    // Without it imapflow serialises every FETCH response for a trace line we then drop:
    // about 0.8 s of CPU per 20,000 messages in a catch-up.
    isLevelEnabled: (level) => level === 'warn' || level === 'error' || level === 'fatal',
  };
}

/**
 * `secret` is the password, or the OAuth2 access token when `settings.auth` is 'xoauth2'
 * (imapflow then uses AUTHENTICATE OAUTHBEARER or XOAUTH2, whichever the server offers).
 */
export function imapFlowOptions(
  settings: ImapSettings,
  secret: string,
  opts: ImapClientOptions = {},
): ImapFlowOptions {
  const oauth = settings.auth === 'xoauth2';
  const token = oauth ? (opts.oauth?.current() ?? secret) : '';
  return {
    host: settings.host,
    port: settings.port,
    ...tlsOptions(settings),
    // Certificates are judged by our transport so a refusal can carry the fingerprint and a
    // certificate the user pinned for this account is accepted (tls-trust.ts).
    ...(settings.tls === 'none'
      ? {}
      : {
          transport: trustingTransport({
            pinnedSha256: settings.trustedCertSha256,
            extraCaPem: settings.trustedCaPem,
          }),
        }),
    auth: oauth
      ? { user: settings.user, accessToken: token }
      : { user: settings.user, pass: secret },
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
  secret: string,
  opts: ImapClientOptions = {},
): ImapFlow {
  const options = imapFlowOptions(settings, secret, opts);
  const client = new ImapFlow(options);
  if (settings.auth === 'xoauth2' && opts.oauth) retryRejectedToken(client, options, opts.oauth);
  return client;
}

function isRejectedCredential(error: unknown): boolean {
  const err = error as { authenticationFailed?: unknown; serverResponseCode?: unknown } | null;
  return err?.authenticationFailed === true || err?.serverResponseCode === 'AUTHENTICATIONFAILED';
}

/**
 * Access tokens expire; the server says so by refusing AUTHENTICATE. The refresh hook is
 * asked once and the login retried on the same session (RFC 3501 §6.2.2 lets a client try
 * again after a NO), so every client given a token source (the account's sync, the
 * connection test) gets this without a retry loop of its own. A second refusal is final: auth-failed. imapflow
 * offers no hook for this, hence the wrap of its login step; were it renamed, tokens would
 * simply not be refreshed (the XOAUTH2 integration test would say so).
 */
function retryRejectedToken(client: ImapFlow, options: ImapFlowOptions, oauth: OAuthTokenSource) {
  const target = client as unknown as { authenticate?: () => Promise<unknown> };
  const login = target.authenticate;
  if (typeof login !== 'function' || !options.auth) return;
  const auth = options.auth;
  target.authenticate = async () => {
    try {
      return await login.call(client);
    } catch (error) {
      if (!isRejectedCredential(error)) throw error;
      let fresh: string;
      try {
        fresh = await oauth.refresh();
      } catch {
        throw error; // the refusal is what the user must act on, not the hook's failure
      }
      auth.accessToken = fresh;
      return await login.call(client);
    }
  };
}
