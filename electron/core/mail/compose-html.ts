// The HTML part of what the composer sends, made safe in the core whatever the window
// sent: an allow-list of formatting (sanitize-html), links to web and mail addresses
// only, no scripts, styles, event handlers or forms. The text/plain alternative is
// derived from that sanitised HTML (lists as "- ", quotes as "> ", links spelled out),
// so both parts always say the same thing.
import sanitizeHtml from 'sanitize-html';
import { htmlToText, QUOTE_MARK } from '../convert/html-to-markdown';

const NBSP = '\u00a0';

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'div',
    'span',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'code',
    'pre',
    'ul',
    'ol',
    'li',
    'blockquote',
    'a',
    'hr',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    // A forwarded RSE post may show its images; the recipient's client decides whether
    // to load remote content.
    'img',
  ],
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'width', 'height'],
    ol: ['start'],
    div: ['class'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  // Text of dropped elements such as <script> or <style> must not leak into the mail.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head'],
};

export function sanitizeOutgoingHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}

/** The text/plain alternative of a sanitised HTML body. */
export function textFromHtml(html: string): string {
  // Editors wrap list items in paragraphs, which would make every list a loose one.
  const tight = html
    .replace(/<li>\s*<p>/g, '<li>')
    .replace(/<\/p>\s*<\/li>/g, '</li>')
    // The signature separator's space would be trimmed as a line's end: held as a no-break one.
    .replace(/(^|>)-- (?=<br|<\/p>)/g, `$1--${NBSP}`);
  return (
    htmlToText(tight)
      // The quote marker is for the reply parser of incoming mail, never for what we send.
      .replaceAll(QUOTE_MARK, '')
      .split('\n')
      // "-- " keeps its space: it is the signature separator readers' clients look for.
      .map((line) =>
        line === `--${NBSP}`
          ? '-- '
          : line.trimEnd().replace(/^(\s*(?:>\s)*)(-|\d+\.)\s+/, '$1$2 '),
      )
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
  );
}

/**
 * The two parts of a composed body: with HTML (rich mode), the HTML sanitised and the
 * text derived from it; without (plain-text mode), the text as typed.
 */
export function outgoingBody(body: { text: string; html: string | null | undefined }): {
  text: string;
  html: string | undefined;
} {
  if (!body.html || body.html.trim() === '') return { text: body.text, html: undefined };
  const html = sanitizeOutgoingHtml(body.html);
  return { text: textFromHtml(html), html };
}
