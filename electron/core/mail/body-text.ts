// Plain text and a snippet from a raw message, through postal-mime. HTML-only mail falls
// back to its text with tags stripped. A message that cannot be parsed yields '' rather
// than stopping the sync.
import PostalMime from 'postal-mime';

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

/** Whitespace collapsed, quoted lines (> …) dropped when there is other text, cut at a word. */
export function makeSnippet(text: string, max = SNIPPET_LENGTH): string {
  const lines = text.split(/\r?\n/);
  const unquoted = lines.filter((l) => !/^\s*>/.test(l));
  const source = unquoted.some((l) => l.trim()) ? unquoted : lines;
  const flat = source.join(' ').replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd() + '…';
}

export interface BodyText {
  text: string;
  snippet: string;
}

export async function extractBodyText(source: Buffer | Uint8Array | string): Promise<BodyText> {
  try {
    const email = await PostalMime.parse(source, { attachmentEncoding: 'arraybuffer' });
    const text = email.text?.trim() ? email.text : email.html ? htmlToText(email.html) : '';
    return { text: text.trim(), snippet: makeSnippet(text) };
  } catch {
    return { text: '', snippet: '' };
  }
}
