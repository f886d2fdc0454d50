// Exactly-once posting on Mastodon. Statuses are plain text (Mastodon strips HTML), so a
// marker cannot hide in one, and a visible one would show in every follower's timeline.
// What is honest: the part's marker is the request's Idempotency-Key, which the server
// keeps for an hour and answers with the status already created; after that, a retried
// part is matched by content, against the text it was written with (GET
// /statuses/:id/source, this account's statuses only). Two parts of the same text by the
// same account in the same place would be taken for one another; a part's text starts
// with its title or author and date, which makes that unlikely in practice.
import { htmlToText } from '../markup';
import type { MdStatus } from './mappers';

/** This account's newest statuses read when looking for a lost post. */
export const OWN_STATUSES_READ = 40;
/** How much of the text the cheap comparison of rendered statuses looks at. */
const HEAD = 40;

/** Letters and digits only: what survives Mastodon's rendering of plain text. */
function letters(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * Whether a status, as rendered, may be the one written with `text`: its first letters
 * match (links, line breaks and entities aside). Only those are worth reading the source of.
 */
export function mayBeWrittenAs(status: MdStatus, text: string): boolean {
  const head = letters(text).slice(0, HEAD);
  return head.length > 0 && letters(htmlToText(status.content)).startsWith(head);
}

/** A reply's text without the leading @mention the connector adds for the parent's author. */
function withoutAddressee(text: string): string {
  return text.replace(/^@[\w.-]+(?:@[\w.-]+)?\s+/u, '');
}

/** Is `source` (a status' source text) what was posted for `text`? */
export function isWrittenAs(source: string, text: string): boolean {
  const posted = source.trim();
  const expected = text.trim();
  return expected.length > 0 && (posted === expected || withoutAddressee(posted) === expected);
}
