// Turns each message into blocks of the destination's format: an author/date line, the
// new text's paragraphs, the attachments it links, and the stripped quotes folded the
// way the network can. Blocks, not one string, so split.ts can cut between them.
import { escapeMarkdown, htmlToMarkdown, htmlToText } from './html-to-markdown';
import { escapeHtml, formatDate, markdownToHtml, paragraphs } from './markup';
import { stripQuotes } from './strip';
import type {
  BodyFormat,
  CollapseStyle,
  ConversionInput,
  PlannedUpload,
  ThreadMessageInput,
} from './types';

export interface RenderedMessage {
  index: number;
  /** The author/date line, repeated (marked continued) when a message is split. */
  header: string;
  paragraphs: string[];
  /** The folded quotes and signature, or null; split.ts may leave it out, never cut it. */
  collapsed: string | null;
}

const COLLAPSED_LABEL = 'Quoted text and signature';

/** Markdown source → the destination format (Markdown sources are the common ground). */
export function fromMarkdown(markdown: string, format: BodyFormat): string {
  return format === 'html' ? markdownToHtml(markdown) : markdown;
}

/** The name a message is credited to. Addresses are never published: a sender without
 * a display name is shown by the part before the "@". */
export function authorName(message: ThreadMessageInput): string {
  const name = message.from?.name?.trim();
  if (name) return name;
  const address = message.from?.address?.trim();
  return address ? address.split('@')[0]! : 'Unknown sender';
}

/** The body to strip, and whether it is already Markdown (else plain text). */
function sourceOf(message: ThreadMessageInput, format: BodyFormat): [string, boolean] {
  const text = message.text?.trim() ? message.text : null;
  const html = message.html?.trim() ? message.html : null;
  // The text part is what reply parsers are tuned for; the HTML is used when it is the
  // only body, or when it places inline images the text part cannot show.
  if (html === null || (text !== null && (format === 'text' || !/cid:/iu.test(html)))) {
    return [text ?? '', false];
  }
  return format === 'text' ? [htmlToText(html), false] : [htmlToMarkdown(html), true];
}

function fence(content: string): string {
  const longest = Math.max(2, ...(content.match(/`+/gu) ?? []).map((run) => run.length));
  return '`'.repeat(longest + 1);
}

function collapse(markdown: string, style: CollapseStyle, format: BodyFormat): string | null {
  switch (style) {
    case 'none':
      return null;
    case 'details':
      if (format === 'html') {
        return `<details><summary>${COLLAPSED_LABEL}</summary>\n${markdownToHtml(markdown)}\n</details>`;
      }
      return `<details>\n<summary>${COLLAPSED_LABEL}</summary>\n\n${markdown}\n\n</details>`;
    case 'discourse-details':
      return `[details="${COLLAPSED_LABEL}"]\n${markdown}\n[/details]`;
    case 'spoiler': {
      const marks = fence(markdown);
      return `${marks}spoiler ${COLLAPSED_LABEL}\n${markdown}\n${marks}`;
    }
    case 'quote': {
      const quoted = markdown
        .split('\n')
        .map((line) => (line ? `> ${line}` : '>'))
        .join('\n');
      return fromMarkdown(quoted, format);
    }
  }
}

/** Links (or embeds) the files a message carries that its body does not already show. */
function attachmentBlock(
  uploads: PlannedUpload[],
  body: string,
  input: ConversionInput,
): string | null {
  const { format, attachmentMode } = input.limits;
  if (attachmentMode === 'native') return null;
  const listed = uploads.filter((upload) => !body.includes(`cid:${cidRef(upload.ref)}`));
  if (listed.length === 0) return null;
  if (format === 'text') return `Attachments: ${listed.map((u) => u.filename).join(', ')}`;
  const links = listed.map((upload) => {
    const label = escapeMarkdown(upload.filename);
    const image = upload.contentType.startsWith('image/') ? '!' : '';
    return `${image}[${label}](cid:${cidRef(upload.ref)})`;
  });
  return fromMarkdown(`Attachments: ${links.join(', ')}`, format);
}

/** The form of a ref written into a body: URL-safe, readable for common Content-IDs. */
export function cidRef(ref: string): string {
  return encodeURIComponent(ref).replace(/%40/gu, '@');
}

export function renderMessage(
  input: ConversionInput,
  index: number,
  uploads: PlannedUpload[],
): RenderedMessage {
  const message = input.messages[index]!;
  const { format, collapse: style } = input.limits;
  const [source, markdownSource] = sourceOf(message, format);
  const stripped = stripQuotes(source);
  // Plain text becomes Markdown only after stripping: escaping "> " or "-- " first would
  // hide quotes and signatures from the parser.
  const asMarkdown = (text: string) =>
    format === 'text' || markdownSource ? text : escapeMarkdown(text);

  const when = formatDate(message.date, input.timeZone);
  const name = authorName(message);
  const header =
    format === 'text'
      ? `${name} · ${when}`
      : fromMarkdown(`**${escapeMarkdown(name)}** · ${when}`, format);

  const visible = asMarkdown(stripped.visible);
  const blocks = paragraphs(visible || '(no text)').map((p) => fromMarkdown(p, format));
  const attachments = attachmentBlock(uploads, visible, input);
  if (attachments) blocks.push(attachments);
  const collapsed = stripped.hidden ? collapse(asMarkdown(stripped.hidden), style, format) : null;
  return { index, header, paragraphs: blocks, collapsed };
}

/** The title as the first line of networks that have no title field. */
export function titleLine(title: string, format: BodyFormat): string {
  if (format === 'text') return title;
  if (format === 'html') return `<p><strong>${escapeHtml(title)}</strong></p>`;
  return `**${escapeMarkdown(title)}**`;
}
