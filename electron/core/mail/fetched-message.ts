// A message fetched with its source in a catch-up, before its body is parsed. Parsing
// (postal-mime) and storing can then happen elsewhere than the FETCH: on a store worker
// thread when there is one (db/store-offload.ts), so IMAP and SQLite use both cores.
import { extractBodyText, type BodyText } from './body-text';
import type { IncomingMessage, MailStore } from './mail-store';

export interface FetchedMessage {
  message: IncomingMessage;
  /** The whole source, or null when there is none or it was cut at the cap (the body loop takes those). */
  source: Uint8Array | null;
}

/**
 * The message with its body, for a store that writes both at once (a single-pass
 * catch-up): one row write and one search entry instead of a header and then a body.
 */
export function withBody(message: IncomingMessage, body: BodyText | undefined): IncomingMessage {
  if (!body) return message;
  const { html, attachments, parseError } = body;
  return {
    ...message,
    bodyText: body.text,
    snippet: body.snippet,
    bodyExtras: { html, attachments, parseError },
  };
}

/** The messages with their bodies parsed from their sources (never throws: see extractBodyText). */
export function parseFetched(items: FetchedMessage[]): Promise<IncomingMessage[]> {
  return Promise.all(
    items.map(async ({ message, source }) =>
      source ? withBody(message, await extractBodyText(source)) : message,
    ),
  );
}

/** A stored message's whole source, fetched by the background body loop. */
export interface FetchedSource {
  uid: number;
  source: Uint8Array;
}

/** A body already parsed (a large message's text parts: mail/large-body.ts). */
export interface ParsedBody {
  uid: number;
  body: BodyText;
}

export function parseSources(sources: FetchedSource[]): Promise<ParsedBody[]> {
  return Promise.all(
    sources.map(async ({ uid, source }) => ({ uid, body: await extractBodyText(source) })),
  );
}

/**
 * Stores parsed bodies in one transaction: one commit per FETCH batch rather than per
 * body, which was most of the store's share of a catch-up.
 */
export function saveBodies(
  store: MailStore,
  accountId: string,
  path: string,
  parsed: ParsedBody[],
): void {
  const save = () => {
    for (const { uid, body } of parsed) {
      store.saveBody(accountId, path, uid, body.text, body.snippet, body);
    }
  };
  if (store.batch) store.batch(save);
  else save();
}
