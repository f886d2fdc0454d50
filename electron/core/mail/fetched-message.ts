// A message fetched with its source in a catch-up, before its body is parsed. Parsing
// (postal-mime) and storing can then happen elsewhere than the FETCH: on a store worker
// thread when there is one (db/store-offload.ts), so IMAP and SQLite use both cores.
import { extractBodyText, type BodyText } from './body-text';
import type { IncomingMessage } from './mail-store';

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
