// HTML mail → Markdown (or plain text) with turndown. Mail clients wrap what they quote
// in recognisable containers (Gmail's gmail_quote, Thunderbird's moz-cite-prefix,
// Outlook's divRplyFwdMsg…); those are replaced by QUOTE_MARK so strip.ts can cut there,
// since the reply parser alone cannot see HTML structure once it is flattened.
import TurndownService from 'turndown';

/** A private-use character marking "what follows is quoted"; never in real mail text. */
export const QUOTE_MARK = '\u{E000}';

// Containers whose start means "the rest is the quoted message or the signature".
const QUOTE_CLASSES = [
  'gmail_quote',
  'gmail_signature',
  'moz-cite-prefix',
  'moz-signature',
  'yahoo_quoted',
  'protonmail_quote',
];
const QUOTE_IDS = ['divRplyFwdMsg', 'appendonsend', 'Signature', 'OLK_SRC_BODY_SECTION'];

interface ElementLike {
  nodeName: string;
  getAttribute(name: string): string | null;
}

function isQuoteContainer(node: ElementLike): boolean {
  const classes = (node.getAttribute('class') ?? '').split(/\s+/u);
  if (classes.some((name) => QUOTE_CLASSES.includes(name))) return true;
  if (QUOTE_IDS.includes(node.getAttribute('id') ?? '')) return true;
  // Apple Mail and Thunderbird quote with <blockquote type="cite">.
  return node.nodeName === 'BLOCKQUOTE' && node.getAttribute('type') === 'cite';
}

function baseService(): TurndownService {
  const service = new TurndownService({
    headingStyle: 'atx',
    bulletListMarker: '-',
    codeBlockStyle: 'fenced',
    br: '',
  });
  service.remove(['style', 'script', 'head', 'title']);
  service.addRule('quote-container', {
    filter: (node) => isQuoteContainer(node),
    replacement: (content) => `\n\n${QUOTE_MARK}\n\n${content}\n\n`,
  });
  return service;
}

function textService(): TurndownService {
  const service = baseService();
  // Plain text for networks without markup: no escaping, emphasis dropped, links and
  // images spelled out so nothing the sender meant is lost.
  service.escape = (text: string) => text;
  service.addRule('plain-emphasis', {
    filter: ['strong', 'b', 'em', 'i', 'u', 's', 'del', 'code', 'span'],
    replacement: (content) => content,
  });
  service.addRule('plain-heading', {
    filter: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'],
    replacement: (content) => `\n\n${content}\n\n`,
  });
  service.addRule('plain-link', {
    filter: 'a',
    replacement: (content, node) => {
      const href = (node as ElementLike).getAttribute('href') ?? '';
      if (!href || href === content || href === `mailto:${content}`) return content;
      return `${content} (${href})`;
    },
  });
  service.addRule('plain-image', {
    filter: 'img',
    replacement: (_content, node) => {
      const alt = (node as ElementLike).getAttribute('alt') ?? '';
      return alt ? `[image: ${alt}]` : '[image]';
    },
  });
  return service;
}

let markdownInstance: TurndownService | undefined;
let textInstance: TurndownService | undefined;

/** HTML → CommonMark; cid: image sources are kept for rewriteCidReferences. */
export function htmlToMarkdown(html: string): string {
  markdownInstance ??= baseService();
  return markdownInstance.turndown(html).trim();
}

/** HTML → readable plain text (for Mastodon and for length-safe previews). */
export function htmlToText(html: string): string {
  textInstance ??= textService();
  return textInstance.turndown(html).trim();
}

/** Plain text → Markdown that renders as the same text (line by line, as turndown does). */
export function escapeMarkdown(text: string): string {
  markdownInstance ??= baseService();
  const service = markdownInstance;
  return text
    .split('\n')
    .map((line) => service.escape(line))
    .join('\n');
}
