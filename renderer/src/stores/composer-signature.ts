// The signature in the composer's body: put under "-- " (the separator mail clients know,
// RFC 3676 §4.3) where the user writes, above a reply's quote or a forwarded message, and
// swapped for the new account's when the From changes. The signature is only touched while
// it is as inserted: a signature the user edited or removed is theirs.
import { plainTextToHtml } from './composer-body';

/** The signature as it stands in a plain-text body, separator included; '' for none. */
function block(signature: string): string {
  return signature ? `-- \n${signature}` : '';
}

/** The same block as the rich body holds it (what the editor keeps of plainTextToHtml). */
function blockHtml(signature: string): string {
  return signature ? plainTextToHtml(block(signature)) : '';
}

/**
 * A new message's or a reply's text with the signature in its writing area: after the
 * blank lines the user writes in, before what the core put below them (quote, forward).
 */
export function withSignature(text: string, signature: string): string {
  if (!signature) return text;
  const below = text.replace(/^\n+/, '');
  return `\n\n${block(signature)}${below ? `\n\n${below}` : ''}`;
}

/** Quoted or forwarded text below the writing area ("> " lines, a "---------- Forwarded" line). */
export function hasQuotedPart(text: string): boolean {
  return /^>|^-{3,}/m.test(text);
}

/**
 * The body (plain text, or the rich editor's HTML) after the From moved from an account
 * signing `before` to one signing `after`. The old signature is replaced, or removed, where
 * it still stands as inserted; a message with no signature and no quoted part gets the new
 * one at its end. Anything else is left as the user made it.
 */
export function swapSignature(
  body: string,
  before: string,
  after: string,
  how: { html: boolean; quoted: boolean },
): string {
  if (before === after) return body;
  const shape = how.html ? blockHtml : block;
  const old = shape(before) && standing(shape(before), how.html);
  if (old && old.test(body)) {
    // A function, so a "$&" in a signature is not read as a replacement pattern. Removed,
    // the signature takes the blank lines above it along.
    return body.replace(old, (_, above = '') => (after ? `${above}${shape(after)}` : ''));
  }
  // A separator left means a signature the user edited: theirs, and one is enough.
  const separator = how.html ? /<p>-- (<br>|<\/p>)/ : /(^|\n)-- \n/;
  if (!after || how.quoted || separator.test(body)) return body;
  return how.html ? `${body}${shape(after)}` : `${body.replace(/\n+$/, '')}\n\n${shape(after)}`;
}

/**
 * Where a signature block stands whole: in HTML its paragraph (closing tag included); in
 * plain text from a line's start to a blank line or the end, with the blank lines above it.
 */
function standing(shape: string, html: boolean): RegExp {
  const text = escapeRegExp(shape);
  return html ? new RegExp(text) : new RegExp(`(^|\\n+)${text}(?=\\n\\n|\\n?$)`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
