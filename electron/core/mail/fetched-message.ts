// A message fetched with its source in a catch-up, before it is parsed. Parsing
// (postal-mime: headers and body) and storing can then happen elsewhere than the FETCH:
// on the store worker threads when there are (db/store-offload.ts), so IMAP, MIME and
// SQLite run on separate cores.
import { extractBodyText, parseSource, type BodyText } from './body-text';
import type { IncomingMessage, MailStore } from './mail-store';
import { emailHeaders, messageFromSource, type FetchedFacts } from './source-headers';

export type FetchedMessage =
  /**
   * Headers and body read from the source (source-headers.ts). `whole` false: the source
   * was cut at the cap, so only its headers are read and the body loop takes the body.
   */
  | { facts: FetchedFacts; source: Uint8Array; whole: boolean }
  /** Headers from the FETCH itself, no source. */
  | { message: IncomingMessage; source: null };

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

/** The messages, with their bodies when their sources are whole (never throws: see parseSource). */
export function parseFetched(items: FetchedMessage[]): Promise<IncomingMessage[]> {
  return Promise.all(
    items.map(async (item) => {
      if (item.source === null) return item.message;
      if (!item.whole) {
        return messageFromSource(item.facts, await emailHeaders(item.source), item.source);
      }
      const { body, email } = await parseSource(item.source);
      const headers = email ?? (await emailHeaders(item.source));
      return withBody(messageFromSource(item.facts, headers, item.source), body);
    }),
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
