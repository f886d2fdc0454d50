// Builds outgoing messages: the RFC 5322 text (nodemailer's MailComposer) with a fresh
// Message-ID, and the threading headers of replies (RFC 5322 §3.6.4: In-Reply-To is the
// parent's Message-ID; References is the parent's References followed by that id).
import { randomUUID } from 'node:crypto';
import addressparser from 'nodemailer/lib/addressparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { Address } from '../../../shared/domain';
import type { ReplyDraft } from '../../../shared/requests/mail-actions';
import { sanitizeOutgoingHtml } from './compose-html';
import { formatReaderDate, outgoingWords, type ReaderClock } from './outgoing-text';
import type { Envelope } from './smtp';

export interface OutgoingMessage {
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  text: string;
  html?: string;
  inReplyTo?: string;
  references: string[];
  attachments?: { filename: string; contentType: string; content: Buffer }[];
  /** Extra headers (the Drafts-folder copy carries X-Passerelle-Draft). */
  headers?: Record<string, string>;
  /** An iTIP part (RFC 6047), sent as text/calendar beside the text: an invitation's answer. */
  calendar?: { method: string; content: string };
}

export interface ComposedMessage {
  raw: string;
  messageId: string;
  envelope: Envelope;
}

/** Bare addresses of a list of "Name <a@b>" strings, for the SMTP envelope. */
export function bareAddresses(list: string[]): string[] {
  return list.flatMap((entry) =>
    addressparser(entry, { flatten: true })
      .map((a) => a.address)
      .filter(Boolean),
  );
}

export async function composeMessage(
  message: OutgoingMessage,
  date = new Date(),
): Promise<ComposedMessage> {
  const from = bareAddresses([message.from])[0] ?? message.from;
  const messageId = `<${randomUUID()}@${from.split('@')[1] ?? 'passerelle.invalid'}>`;
  const composer = new MailComposer({
    from: message.from,
    to: message.to,
    cc: message.cc.length > 0 ? message.cc : undefined,
    subject: message.subject,
    text: message.text,
    // Whoever built it (composer, CLI), HTML leaves only through the allow-list.
    html: message.html ? sanitizeOutgoingHtml(message.html) : undefined,
    inReplyTo: message.inReplyTo,
    references: message.references.length > 0 ? message.references : undefined,
    messageId,
    date,
    attachments: message.attachments,
    headers: message.headers,
    icalEvent: message.calendar,
  });
  // Bcc stays out of the headers (MailComposer drops it): only the envelope carries it.
  const raw = (await composer.compile().build()).toString('utf8');
  return {
    raw,
    messageId,
    envelope: { from, to: bareAddresses([...message.to, ...message.cc, ...message.bcc]) },
  };
}

/** References for a reply: the parent's chain plus the parent, trimmed as RFC 5322 allows. */
export function replyReferences(parentRefs: string[], parentId: string | null): string[] {
  const chain = [...parentRefs, ...(parentId ? [parentId] : [])].filter(
    (id, i, all) => all.indexOf(id) === i,
  );
  // Keep the root and the most recent ids: very long chains break some servers' header limits.
  return chain.length > 20 ? [chain[0]!, ...chain.slice(-19)] : chain;
}

const PREFIX = /^\s*((re|fwd?|tr|aw|wg|sv|vs|antw|rv|rif|odp)(\[\d+\])?\s?:\s*)+/i;

export function prefixedSubject(subject: string, prefix: 'Re' | 'Fwd'): string {
  return `${prefix}: ${subject.replace(PREFIX, '')}`;
}

/** "Name" <address>, the name quoted (quotes and backslashes dropped) so commas stay in it. */
export function formatAddress(a: Address): string {
  return a.name ? `"${a.name.replace(/["\\]/g, '')}" <${a.address}>` : a.address;
}

export interface ParentMessage {
  accountId: string;
  messageId: string | null;
  references: string[];
  subject: string;
  from: Address | null;
  to: Address[];
  cc: Address[];
  date: string;
  text: string | null;
}

/** A reply, reply-all or forward of a stored message, ready for the composer. */
export function replyDraft(
  parent: ParentMessage,
  mode: 'reply' | 'replyAll' | 'forward',
  self: string,
  clock: ReaderClock = {},
): ReplyDraft {
  const body = parent.text ?? '';
  const sender = parent.from ? formatAddress(parent.from) : '';
  const words = outgoingWords(clock);
  const date = formatReaderDate(parent.date, clock);
  if (mode === 'forward') {
    const header = [
      words.forwardedMessage,
      words.line(words.from, sender),
      words.line(words.date, date),
      words.line(words.subject, parent.subject),
      words.line(words.to, parent.to.map(formatAddress).join(', ')),
    ].join('\n');
    return {
      accountId: parent.accountId,
      to: [],
      cc: [],
      subject: prefixedSubject(parent.subject, 'Fwd'),
      inReplyTo: null,
      references: replyReferences(parent.references, parent.messageId),
      text: `\n\n${header}\n\n${body}`,
    };
  }
  // `self` may carry a display name ("Alice <alice@example.test>"): compare addresses only.
  const me = (self.match(/<([^>]+)>/)?.[1] ?? self).trim().toLowerCase();
  const notMe = (a: Address) => a.address.toLowerCase() !== me;
  const to =
    parent.from && notMe(parent.from) ? [parent.from] : parent.to.filter(notMe).slice(0, 1);
  const seen = new Set(to.map((a) => a.address.toLowerCase()));
  const cc =
    mode === 'replyAll'
      ? [...parent.to, ...parent.cc].filter(
          (a) =>
            notMe(a) && !seen.has(a.address.toLowerCase()) && seen.add(a.address.toLowerCase()),
        )
      : [];
  const quoted = body
    .split(/\r?\n/)
    .map((line) => (line.startsWith('>') ? `>${line}` : `> ${line}`))
    .join('\n');
  return {
    accountId: parent.accountId,
    to: to.map(formatAddress),
    cc: cc.map(formatAddress),
    subject: prefixedSubject(parent.subject, 'Re'),
    inReplyTo: parent.messageId,
    references: replyReferences(parent.references, parent.messageId),
    text: `\n\n${words.wrote(date, sender)}\n${quoted}\n`,
  };
}
