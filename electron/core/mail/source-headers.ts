// A catch-up fetches each message's source, so it takes the headers from there rather
// than also asking for the ENVELOPE and header fields: the core's thread no longer parses
// those (≈ a fifth of a 20,000-message catch-up, issue 3's benchmark), and the store
// workers read them while parsing the body anyway. The FETCH still brings what only the
// server knows (UID, flags, size, arrival date, Gmail's thread id). The mapping matches
// toIncomingMessage (message-mapper.ts) field for field; test/integration/
// source-headers.spec.ts checks both readings of the MIME corpus against each other.
import type { FetchMessageObject } from 'imapflow';
import PostalMime, {
  addressParser,
  decodeWords,
  type Address as MimeAddress,
  type Email,
} from 'postal-mime';
import type { Address } from '../../../shared/domain';
import { parseListId } from './list-id';
import { parseListUnsubscribe } from './list-unsubscribe';
import type { IncomingMessage } from './mail-store';
import {
  boundedSubject,
  isoDate,
  normalizeMessageId,
  parseHeaderBlock,
  parseMessageIds,
  storedFlags,
  toAddress,
} from './message-mapper';

/** What the FETCH says of a message whose headers come from its source. */
export interface FetchedFacts {
  uid: number;
  flags: string[];
  size: number;
  /** INTERNALDATE, the date used when the Date header is missing or unreadable. */
  internalDate: string | null;
  gmThreadId?: string;
}

export function factsOf(row: FetchMessageObject): FetchedFacts {
  const internalDate = row.internalDate ? new Date(row.internalDate) : null;
  return {
    uid: row.uid,
    flags: storedFlags(row.flags),
    size: row.size ?? 0,
    internalDate:
      internalDate && !Number.isNaN(internalDate.getTime()) ? internalDate.toISOString() : null,
    ...(row.threadId ? { gmThreadId: row.threadId } : {}),
  };
}

/** The header block of a source (up to the first empty line), for a source cut at the cap. */
export function headerBlock(source: Uint8Array): Uint8Array {
  const text = Buffer.from(source.buffer, source.byteOffset, source.byteLength);
  const crlf = text.indexOf('\r\n\r\n');
  // A bare-LF blank line can only end the block before the first CRLF one: no need to
  // read a CRLF message's whole body looking for one.
  const lf = (crlf < 0 ? text : text.subarray(0, crlf)).indexOf('\n\n');
  const ends = [crlf < 0 ? -1 : crlf + 4, lf < 0 ? -1 : lf + 2].filter((i) => i >= 0);
  return ends.length ? source.subarray(0, Math.min(...ends)) : source;
}

/** The headers of a source postal-mime could not parse whole: read from the header block alone. */
export async function emailHeaders(source: Uint8Array): Promise<Email | null> {
  try {
    return await PostalMime.parse(headerBlock(source));
  } catch {
    return null;
  }
}

function mailboxes(list: MimeAddress[] | undefined): Address[] {
  return (list ?? [])
    .flatMap((a) => (a.group ? a.group : [a]))
    .map((a) => toAddress(localOnly(a) ? { address: a.name } : a))
    .filter((a): a is Address => a !== null);
}

/** A bare local part in a list ("…, localrecipient"): postal-mime gives it as a name. */
function localOnly(a: { name: string; address?: string }): boolean {
  return !a.address && /^[^\s@<>"]+$/.test(a.name);
}

/**
 * The message as toIncomingMessage would map it, from postal-mime's reading of its source.
 * Where postal-mime finds no subject, date or sender, the header block is read the
 * lenient way the ENVELOPE path reads it (obsolete syntax: "Subject :", blank folds).
 */
export function messageFromSource(
  facts: FetchedFacts,
  email: Email | null,
  source: Uint8Array,
): IncomingMessage {
  const header = (key: string) => {
    const all = email?.headers.filter((h) => h.key === key) ?? [];
    return all[all.length - 1]?.value; // the last occurrence, as parseHeaderBlock keeps
  };
  let lenient: Map<string, string> | undefined;
  const fallback = (key: string) =>
    (lenient ??= parseHeaderBlock(Buffer.from(headerBlock(source)))).get(key);
  const listId = parseListId(header('list-id'));
  const unsubscribe = parseListUnsubscribe(
    header('list-unsubscribe'),
    header('list-unsubscribe-post'),
  );
  const from = email?.from?.group ? email.from.group[0] : email?.from;
  const fallbackFrom = () => addressParser(fallback('from') ?? '', { flatten: true })[0];
  const subject = email?.subject || decodeWords(fallback('subject') ?? '').replace(/\s+/g, ' ');
  const readable = email?.date !== undefined && !Number.isNaN(Date.parse(email.date));
  const date = readable ? email.date : fallback('date');
  return {
    uid: facts.uid,
    messageId: normalizeMessageId(email?.messageId),
    inReplyTo: normalizeMessageId(email?.inReplyTo),
    references: parseMessageIds(email?.references ?? ''),
    subject: boundedSubject(subject.trim()),
    from: toAddress(from ?? fallbackFrom()),
    to: mailboxes(email?.to),
    cc: mailboxes(email?.cc),
    date: isoDate(date, facts.internalDate ?? undefined),
    flags: facts.flags,
    size: facts.size,
    snippet: '',
    bodyText: null,
    ...(facts.gmThreadId ? { gmThreadId: facts.gmThreadId } : {}),
    ...(listId ? { listId } : {}),
    ...(unsubscribe ? { unsubscribe } : {}),
  };
}
