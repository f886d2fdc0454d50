// Exactly-once posting on Zulip. Zulip has no hidden metadata and its Markdown shows what
// other networks hide (raw HTML, comments, reference definitions are escaped or shown), so
// a marker cannot ride along out of sight, and its full-text search stems words and
// indexes the rendered text, so it cannot look up an exact part either. What is honest:
// a retried part reads the topic's newest messages with their Markdown source
// (apply_markdown=false) and takes this account's message whose source is the part's
// text, as Zulip stores it (trailing whitespace and leading blank lines dropped); the
// upload links appended after it may differ, since a retry uploads the files again.
// Identical texts by the same user in the same topic would be taken for one another; a
// part's text starts with its author and date, which makes that unlikely in practice.
import type { ZulipMessage } from './mappers';

/** How far back a topic is read: a lost message is among its newest. */
export const TOPIC_SEARCH_MESSAGES = 200;

export interface ZulipSourceMessage extends ZulipMessage {
  sender_id?: number;
}

/** Zulip's normalisation of a sent message's content (zerver normalize_body). */
export function storedForm(content: string): string {
  return content.replace(/^\n+/u, '').trimEnd();
}

/** Is `source` (as Zulip returns it) the message made of `text` (plus file links)? */
export function isSentAs(source: string, text: string): boolean {
  const expected = storedForm(text);
  if (expected.length === 0) return false;
  const stored = storedForm(source);
  return stored === expected || stored.startsWith(`${expected}\n\n`);
}

export interface SentQuery {
  streamId: number;
  /** Zulip compares topics without regard to case. */
  topic: string;
  senderId: number;
  text: string;
  /** Only messages after this one (a reply comes after its post). */
  afterId: number;
}

/** The oldest message of the topic by this sender, after `afterId`, whose source is `text`. */
export function findSent(
  messages: ZulipSourceMessage[],
  query: SentQuery,
): ZulipSourceMessage | undefined {
  const topic = query.topic.toLowerCase();
  return [...messages]
    .sort((a, b) => a.id - b.id)
    .find(
      (m) =>
        m.id > query.afterId &&
        m.stream_id === query.streamId &&
        m.subject.toLowerCase() === topic &&
        m.sender_id === query.senderId &&
        isSentAs(m.content, query.text),
    );
}
