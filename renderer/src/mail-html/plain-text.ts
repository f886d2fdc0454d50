// Plain-text bodies split into what is shown and what is folded: runs of quoted lines
// ("> …") and the signature after the "-- " delimiter (RFC 3676 §4.3).

export interface TextSegment {
  kind: 'text' | 'quote' | 'signature';
  text: string;
}

const QUOTE = /^[ \t]*>/;
const SIGNATURE = /^-- ?$/;

export function splitPlainText(body: string): TextSegment[] {
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  const sigAt = lines.findLastIndex((line) => SIGNATURE.test(line));
  const main = sigAt >= 0 ? lines.slice(0, sigAt) : lines;
  const segments: TextSegment[] = [];
  for (const line of main) {
    const kind = QUOTE.test(line) ? 'quote' : 'text';
    const last = segments.at(-1);
    if (last?.kind === kind) last.text += `\n${line}`;
    else segments.push({ kind, text: line });
  }
  if (sigAt >= 0) segments.push({ kind: 'signature', text: lines.slice(sigAt).join('\n') });
  return segments.filter((s) => s.kind !== 'text' || s.text.trim() !== '' || segments.length === 1);
}
