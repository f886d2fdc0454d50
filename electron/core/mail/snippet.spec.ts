// makeSnippet reads only the start of a body (body-text.ts): the result must be what
// flattening the whole text gives.
import { describe, expect, it } from 'vitest';
import { makeSnippet } from './body-text';

/** The definition: every kept line joined, whitespace collapsed, cut at a word. */
function reference(text: string, max: number): string {
  const lines = text.split(/\r?\n/);
  const unquoted = lines.filter((l) => !/^\s*>/.test(l));
  const flat = (unquoted.some((l) => l.trim()) ? unquoted : lines)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd() + '…';
}

describe('makeSnippet', () => {
  it('drops quoted lines when there is other text, keeps them when there is not', () => {
    expect(makeSnippet('> old\r\n  Thanks,\r\n\r\n  Ann\n> older')).toBe('Thanks, Ann');
    expect(makeSnippet('> only\n  > quoted\n')).toBe('> only > quoted');
    expect(makeSnippet(' \n\t\n')).toBe('');
  });

  it('cuts a long body at a word, from its first lines only', () => {
    const body = `${'word '.repeat(30)}\n${'x'.repeat(5000)}\n${'> q\n'.repeat(1000)}`;
    expect(makeSnippet(body, 50)).toBe(reference(body, 50));
    expect(makeSnippet('a'.repeat(1000), 20)).toBe(`${'a'.repeat(20)}…`);
  });

  it('matches flattening the whole text on varied input', () => {
    const pieces = ['a', 'word', ' ', '   ', '\n', '\r\n', '\r', '>', ' > ', '\t', '\u00a0', 'é x'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    for (let i = 0; i < 3000; i++) {
      let text = '';
      for (let k = Math.floor(next() * 150); k > 0; k--)
        text += pieces[Math.floor(next() * pieces.length)];
      const max = [8, 40, 200][i % 3]!;
      expect(makeSnippet(text, max), JSON.stringify(text)).toBe(reference(text, max));
    }
  });
});
