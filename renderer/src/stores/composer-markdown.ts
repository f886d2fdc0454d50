// The composer's "simple rich text": Markdown typed in a textarea (bold, italic, lists,
// links, quotes) rendered to the HTML part on send. Raw HTML is escaped first, so what
// the user types can never inject markup; Markdown's own syntax does not need < or &.
import { marked } from 'marked';

export function markdownToHtml(text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return marked.parse(escaped, { async: false, gfm: true, breaks: true });
}

/** Wraps the selection of a textarea in a Markdown mark (or prefixes its lines). */
export function applyMark(
  value: string,
  start: number,
  end: number,
  mark: 'bold' | 'italic' | 'list' | 'quote' | 'link',
): { value: string; start: number; end: number } {
  const selected = value.slice(start, end);
  const wrap = (before: string, after: string, placeholder: string) => {
    const inner = selected || placeholder;
    return {
      value: value.slice(0, start) + before + inner + after + value.slice(end),
      start: start + before.length,
      end: start + before.length + inner.length,
    };
  };
  if (mark === 'bold') return wrap('**', '**', 'bold');
  if (mark === 'italic') return wrap('*', '*', 'italic');
  if (mark === 'link') return wrap('[', '](https://)', 'link');
  const prefix = mark === 'list' ? '- ' : '> ';
  const lineStart = value.lastIndexOf('\n', start - 1) + 1;
  const block = value
    .slice(lineStart, end)
    .split('\n')
    .map((l) => prefix + l)
    .join('\n');
  return {
    value: value.slice(0, lineStart) + block + value.slice(end),
    start: lineStart,
    end: lineStart + block.length,
  };
}
