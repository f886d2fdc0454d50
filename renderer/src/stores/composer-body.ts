// The composer's body moves between two shapes: plain text (plain-text mode, replies and
// forwards as the core prepares them, "> " quotes) and the HTML the rich editor edits.
// The core derives the text/plain part it sends from the HTML itself; these helpers are
// for the window: filling the editor from text, and showing rich text as plain text when
// the user switches modes (and for the text kept with a draft).

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const QUOTED = /^[ \t]?>/;

/** Paragraphs on blank lines, line breaks kept, runs of "> " lines as (nested) quotes. */
export function plainTextToHtml(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: string[] = [];
  // Leading blank lines are where the user writes above a quote: keep one empty paragraph.
  if (lines.length > 1 && lines[0]!.trim() === '') blocks.push('<p></p>');
  let i = 0;
  while (i < lines.length) {
    if (QUOTED.test(lines[i]!)) {
      const quoted: string[] = [];
      while (i < lines.length && QUOTED.test(lines[i]!)) {
        quoted.push(lines[i]!.replace(/^[ \t]?> ?/, ''));
        i += 1;
      }
      blocks.push(`<blockquote>${plainTextToHtml(quoted.join('\n')) || '<p></p>'}</blockquote>`);
      continue;
    }
    const paragraph: string[] = [];
    while (i < lines.length && lines[i]!.trim() !== '' && !QUOTED.test(lines[i]!)) {
      paragraph.push(escapeHtml(lines[i]!));
      i += 1;
    }
    if (paragraph.length) blocks.push(`<p>${paragraph.join('<br>')}</p>`);
    else i += 1;
  }
  return blocks.join('');
}

const BLOCKS = new Set(['P', 'DIV', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'PRE', 'HR']);

function walk(node: Node, out: string[]): void {
  if (node.nodeType === 3) {
    out.push(node.textContent ?? '');
    return;
  }
  if (!(node instanceof Element)) return;
  const tag = node.tagName;
  if (tag === 'BR') return void out.push('\n');
  if (tag === 'BLOCKQUOTE') {
    const inner = blockText(node)
      .split('\n')
      .map((line) => (line ? `> ${line}` : '>'))
      .join('\n');
    return void out.push(`\n\n${inner}\n\n`);
  }
  if (tag === 'UL' || tag === 'OL') {
    const items = [...node.children]
      .filter((child) => child.tagName === 'LI')
      .map((li, n) => `${tag === 'OL' ? `${n + 1}.` : '-'} ${blockText(li).replace(/\n+/g, ' ')}`);
    return void out.push(`\n\n${items.join('\n')}\n\n`);
  }
  const children: string[] = [];
  for (const child of node.childNodes) walk(child, children);
  let text = children.join('');
  if (tag === 'A') {
    const href = node.getAttribute('href') ?? '';
    if (href && href !== text && href !== `mailto:${text}`) text = `${text} (${href})`;
  }
  out.push(BLOCKS.has(tag) ? `\n\n${text}\n\n` : text);
}

function blockText(node: Node): string {
  const out: string[] = [];
  for (const child of node.childNodes) walk(child, out);
  return out
    .join('')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Rich text as the plain text a person would type: "- " lists, "> " quotes, links spelled out. */
export function htmlToPlainText(html: string): string {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  return blockText(doc.body);
}
