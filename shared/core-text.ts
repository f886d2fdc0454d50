// Texts the core writes for people (connection errors, conversion problems) as a stable
// key and parameters, with the English wording kept here once: the core formats it for
// the CLI and logs, and the renderer's i18n layer uses this same table as its English
// and translates the key for other languages. A parameter may itself be a CoreText
// (a reason inside a sentence), translated the same way.

export const CORE_TEXTS_EN = {
  theServer: 'the server',
  // IMAP connection problems (electron/core/mail/imap-errors.ts).
  imapCertUntrusted:
    "The certificate of {where} is not trusted: {why} [{reason}]. SHA-256 fingerprint: {fingerprint}. Only trust it if you can confirm this fingerprint with the server's administrator.",
  certSelfSigned: 'it is self-signed',
  certSelfSignedChain: 'it was issued by a self-signed authority nobody vouches for',
  certUnknownAuthority: 'it was issued by an unknown certificate authority',
  certOtherHost: 'it was issued for another host name',
  certExpired: 'it has expired',
  certNotYetValid: 'it is not valid yet',
  certRevoked: 'it was revoked',
  certOther: 'verification failed ({reason})',
  imapOauthRejected:
    "The server at {where} rejected the OAuth access token, and the account's token refresh did not provide one it accepts. Check the token command (or sign in again with your provider), then try again.",
  imapPasswordRejected:
    'The server at {where} rejected the user name or password. Check both, then try again (some providers require an app password).',
  imapStarttlsFailed:
    'Could not secure the connection to {where} with STARTTLS ({detail}). Check that the server offers STARTTLS on this port and has a valid certificate, or choose implicit TLS (usually port 993).',
  imapTlsFailed:
    "The TLS handshake with {where} failed ({detail}). Check the port (993 for implicit TLS, 143 for STARTTLS) and that the server's certificate is valid.",
  imapUnreachable:
    'Could not reach {where}: {why}. Check the host name and port, and your network connection.',
  reachUnresolved: 'the host name {host} could not be resolved',
  reachRefused: 'the connection was refused',
  reachNoGreeting: 'the server did not greet in time (if it expects TLS on this port, choose TLS)',
  reachTimeout: 'the server did not answer in time',
  reachLost: 'the connection was lost',
  imapUnexpected: 'Unexpected IMAP error from {where}: {detail}.',
  // Account sync status (electron/core/mail/account-sync.ts, electron/core/rse/errors.ts).
  syncUnexpected: 'Unexpected failure; the details are in the log.',
  syncReconnecting: 'Reconnecting…',
  syncServerClosed: 'The server closed the connection; reconnecting.',
  syncPausedAuth: '{problem} Sync is paused until the password is updated or you sync again.',
  // A write to the profile's disk failed (electron/core/storage-errors.ts).
  storageFull:
    "The disk holding Passerelle's data is full: free some space. Nothing stored so far is lost.",
  storageFailed:
    'Passerelle could not write to the disk holding its data ({code}). Nothing stored so far is lost.',
  syncStoragePaused: '{problem} Sync carries on once it can write again.',
  // Thread → post conversion problems (electron/core/convert/).
  convertEmptyThread: 'This thread has no message to post.',
  convertNoNewMessage: 'No new message to add.',
  convertNewTooLong: 'The new messages are too long to add.',
  convertTitleTooShort:
    'The title "{title}" is shorter than the {min} characters {network} requires. Edit the title before posting.',
  convertTooLong:
    'The post would be {length} characters; {network} accepts {max}. Leave some messages out of the conversion, or post to a network that accepts longer posts.',
  convertTooLongSplit:
    'The post would be {length} characters; {network} accepts {max} once split. Leave some messages out of the conversion, or post to a network that accepts longer posts.',
  convertFileTooLarge:
    '"{file}" (from {from}) is {size}; {network} accepts files up to {max}. Leave it out, or share it by link instead.',
  convertFileType:
    '"{file}" (from {from}) is a type {network} does not accept ({extension}); allowed: {allowed}. Leave it out.',
  convertNoExtension: 'no extension',
  convertTooManyFiles:
    '{where} would carry {count} files ({files}); {network} accepts at most {max} per post. Leave out {extra} of them.',
  // Conversion warnings: posted anyway, but the user may want to know.
  convertTitleShortened: 'The title was shortened to {max} characters.',
  convertFilesNotAttached: 'Files of the new messages are not attached to the comment.',
  convertQuoteLeftOut: 'The quoted text of message {n} was left out: too long.',
  convertTitleTooLong: 'The title is longer than the {max} characters allowed. Shorten it.',
  convertNoDestination: 'Choose an account and a space to post to.',
  convertThePost: 'The post',
  convertReplyN: 'Reply {n}',
} as const satisfies Record<string, string>;

export type CoreTextKey = keyof typeof CORE_TEXTS_EN;
export type CoreTextParam = string | number | CoreText;

/** What crosses the boundary: the renderer translates it, or shows the English message. */
export interface CoreText {
  key: CoreTextKey;
  params?: Record<string, CoreTextParam>;
}

export const CORE_TEXT_KEYS = Object.keys(CORE_TEXTS_EN) as CoreTextKey[];

export function coreText(key: CoreTextKey, params?: Record<string, CoreTextParam>): CoreText {
  return params ? { key, params } : { key };
}

/** The English sentence, as the CLI and logs print it. */
export function formatCoreText(text: CoreText): string {
  const template: string = CORE_TEXTS_EN[text.key] ?? text.key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = text.params?.[name];
    if (value === undefined) return whole;
    return typeof value === 'object' ? formatCoreText(value) : String(value);
  });
}
