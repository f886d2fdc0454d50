// Small format helpers shared by the renderer and the splitter: Markdown → HTML with
// marked, escaping, dates and lengths. The HTML output never passes raw HTML from a
// message through (a plain-text mail saying "<script>" shows that text), and links keep
// only web, mail and cid: targets.
import { Marked } from 'marked';
import type { Tokens } from 'marked';
import type { BodyFormat } from './types';

const SAFE_HREF = /^(?:https?:|mailto:|cid:|#)/iu;

export function escapeHtml(text: string): string {
  return text
    .replace(/&/gu, '&amp;')
    .replace(/</gu, '&lt;')
    .replace(/>/gu, '&gt;')
    .replace(/"/gu, '&quot;');
}

const marked = new Marked({ gfm: true, breaks: true, async: false });
marked.use({
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag) {
      return escapeHtml(token.text);
    },
    link(token: Tokens.Link) {
      if (SAFE_HREF.test(token.href)) return false;
      return this.parser.parseInline(token.tokens);
    },
    image(token: Tokens.Image) {
      if (SAFE_HREF.test(token.href)) return false;
      return escapeHtml(token.text);
    },
  },
});

/** Markdown → HTML fragment for WordPress; trimmed so fragments join predictably. */
export function markdownToHtml(markdown: string): string {
  return (marked.parse(markdown) as string).trim();
}

/** Length as the networks count it: Unicode code points (Mattermost counts runes). */
export function lengthOf(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** The first `max` code points, cut at the last whitespace when there is one. */
export function cutAt(text: string, max: number): [string, string] {
  const points = [...text];
  if (points.length <= max) return [text, ''];
  let cut = max;
  for (let i = max; i > max / 2; i--) {
    if (/\s/u.test(points[i]!)) {
      cut = i;
      break;
    }
  }
  return [points.slice(0, cut).join('').trimEnd(), points.slice(cut).join('').trimStart()];
}

/** "2025-03-04 10:12 UTC" in the given zone: stable across locales and ICU versions. */
export function formatDate(iso: string, timeZone = 'UTC'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')} ${timeZone}`;
}

/** Paragraphs of a Markdown or text body, keeping fenced code blocks whole. */
export function paragraphs(text: string): string[] {
  const result: string[] = [];
  let current: string[] = [];
  let fence: string | null = null;
  for (const line of text.split('\n')) {
    const opener = /^\s*(`{3,}|~{3,})/u.exec(line)?.[1] ?? null;
    if (fence === null && opener) fence = opener;
    else if (fence !== null && opener && opener.startsWith(fence)) fence = null;
    if (fence === null && line.trim() === '') {
      if (current.length) result.push(current.join('\n'));
      current = [];
    } else {
      current.push(line);
    }
  }
  if (current.length) result.push(current.join('\n'));
  return result;
}

/** What separates blocks in a body of this format. */
export function separatorOf(format: BodyFormat): string {
  return format === 'html' ? '\n' : '\n\n';
}
