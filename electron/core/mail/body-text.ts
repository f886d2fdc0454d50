// Plain text, raw HTML, a snippet and the attachment list of a raw message, through
// postal-mime (charsets, encodings, nested message/rfc822, calendar parts). HTML-only
// mail falls back to its text with tags stripped for search and snippets.
import { detectMimeType } from 'nodemailer/lib/mime-funcs/mime-types';
import PostalMime, { type Email } from 'postal-mime';
import type { AttachmentInfo, ParsedBodyExtras } from './mail-store';
import { looksLikeTnef, readTnef, type TnefContents } from './tnef';

export const SNIPPET_LENGTH = 200;

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ent: string) => {
    if (ent[0] === '#') {
      const code =
        ent[1] === 'x' || ent[1] === 'X' ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000
        ? String.fromCodePoint(code)
        : whole;
    }
    return ENTITIES[ent.toLowerCase()] ?? whole;
  });
}

/** Good enough for a snippet and search; the reading pane renders sanitised HTML itself. */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<(script|style|head|title)\b[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(/<!--[\s\S]*?-->/g, ' ')
      .replace(/<(br|\/p|\/div|\/li|\/tr|\/h[1-6])\b[^>]*>/gi, '\n')
      .replace(/<[^>]+>/g, ' '),
  )
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}

/**
 * The text's lines (quoted ones skipped when asked) with whitespace collapsed, read only
 * until more than `max` characters are known: a snippet needs no more, and a catch-up
 * used to flatten every whole body for its first 200 characters.
 */
function flatPrefix(text: string, max: number, skipQuoted: boolean): string {
  let out = '';
  for (let start = 0; start <= text.length && out.length <= max;) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const line = text.slice(start, end);
    start = end + 1;
    if (skipQuoted && /^\s*>/.test(line)) continue;
    // A long line (a paragraph, HTML turned to text) is flattened from its start only.
    let words = '';
    for (let take = 2 * max + 64; ; take *= 2) {
      const part = line.length > take ? line.slice(0, take) : line;
      words = part.replace(/\s+/g, ' ').trim();
      if (part === line || words.length > max) break;
    }
    if (words) out = out ? `${out} ${words}` : words;
  }
  return out;
}

/** Whitespace collapsed, quoted lines (> …) dropped when there is other text, cut at a word. */
export function makeSnippet(text: string, max = SNIPPET_LENGTH): string {
  const flat = flatPrefix(text, max, true) || flatPrefix(text, max, false);
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd() + '…';
}

export interface BodyText extends ParsedBodyExtras {
  text: string;
  snippet: string;
  /** A large message's text was cut at the body cap (mail/large-body.ts); a notice ends it. */
  truncated?: boolean;
}

// postal-mime keeps the MIME tree it built on the parser instance; the IMAP section of an
// attachment (RFC 3501 §6.4.5: "2", "1.3") is its path of 1-based child positions.
interface MimeNodeLike {
  parentNode?: MimeNodeLike;
  childNodes: MimeNodeLike[];
}
interface ParserInternals {
  collectAttachment(node: MimeNodeLike, ...rest: unknown[]): void;
  attachments: { length: number };
}

function partIdOf(node: MimeNodeLike): string {
  const path: number[] = [];
  for (let n = node; n.parentNode; n = n.parentNode) {
    path.unshift(n.parentNode.childNodes.indexOf(n) + 1);
  }
  return path.length ? path.join('.') : '1'; // a single-part message's body is part 1
}

/**
 * The files inside a winmail.dat part, each listed as an attachment of the message (they
 * are fetched through the part, tnefIndex picking the file). The part itself stays listed
 * when it cannot be read or holds more than plain files, so nothing disappears.
 */
export function tnefFiles(
  part: AttachmentInfo,
  content: ArrayBuffer | Uint8Array | string,
): AttachmentInfo[] {
  if (typeof content === 'string' || part.partId === null) return [part];
  let contents: TnefContents;
  try {
    contents = readTnef(content instanceof Uint8Array ? content : new Uint8Array(content));
  } catch {
    return [part];
  }
  const files = contents.files.map((file, tnefIndex): AttachmentInfo => ({
    partId: part.partId,
    filename: file.filename,
    // Outlook often gives no MIME type: the name's extension says it, as for any client.
    contentType: file.contentType ?? detectMimeType(file.filename),
    size: file.data.byteLength,
    contentId: file.contentId,
    disposition: 'attachment',
    inline: false,
    calendarMethod: null,
    tnefIndex,
  }));
  return contents.skipped > 0 || files.length === 0 ? [...files, part] : files;
}

function byteLength(content: ArrayBuffer | Uint8Array | string): number {
  return typeof content === 'string' ? content.length : content.byteLength;
}

/** Latin-1 keeps every byte of a source we could not parse, so nothing is lost. */
function rawText(source: Buffer | Uint8Array | string): string {
  return typeof source === 'string' ? source : Buffer.from(source).toString('latin1');
}

/**
 * Text, raw HTML, snippet and attachment list of a raw message. A message postal-mime
 * cannot parse is kept raw with the reason, so the reading pane can say so and the sync
 * goes on.
 */
export async function extractBodyText(source: Buffer | Uint8Array | string): Promise<BodyText> {
  return (await parseSource(source)).body;
}

/**
 * extractBodyText, and postal-mime's reading of the message's headers (null when it could
 * not parse the message): a catch-up takes the headers from the source too.
 */
export async function parseSource(
  source: Buffer | Uint8Array | string,
): Promise<{ body: BodyText; email: Email | null }> {
  try {
    const parser = new PostalMime({ attachmentEncoding: 'arraybuffer' });
    const internals = parser as unknown as ParserInternals;
    const partIds: (string | null)[] = [];
    const collect = internals.collectAttachment.bind(parser);
    // Attachments of a forwarded message/rfc822 come from a nested parser and get no
    // part id here; they are fetched with their enclosing part.
    internals.collectAttachment = (node, ...rest) => {
      const before = internals.attachments.length;
      collect(node, ...rest);
      if (internals.attachments.length > before) partIds[before] = partIdOf(node);
    };
    const email = await parser.parse(source);
    const text = email.text?.trim() ? email.text : email.html ? htmlToText(email.html) : '';
    const attachments: AttachmentInfo[] = email.attachments.flatMap((a, i) => {
      const part: AttachmentInfo = {
        partId: partIds[i] ?? null,
        filename: a.filename,
        contentType: a.mimeType,
        size: byteLength(a.content),
        contentId: a.contentId ?? null,
        disposition: a.disposition,
        inline: a.related === true,
        calendarMethod:
          a.mimeType === 'text/calendar' || a.mimeType === 'application/ics'
            ? (a.method ?? 'PUBLISH')
            : null,
      };
      return looksLikeTnef(a.mimeType, a.filename) ? tnefFiles(part, a.content) : [part];
    });
    const body: BodyText = {
      text: text.trim(),
      snippet: makeSnippet(text),
      html: email.html ?? null,
      attachments,
      parseError: null,
    };
    return { body, email };
  } catch (error) {
    const raw = rawText(source);
    const body: BodyText = {
      text: raw,
      snippet: makeSnippet(raw),
      html: null,
      attachments: [],
      parseError: `This message could not be read (${error instanceof Error ? error.message : String(error)}); it is shown as received.`,
    };
    return { body, email: null };
  }
}
