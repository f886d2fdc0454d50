import { describe, expect, it } from 'vitest';
import { decodeCss, sanitizeCss } from './css';

const blocked = { allowRemote: false };
const allowed = { allowRemote: true };

describe('decodeCss', () => {
  it('reads escapes and comments the way the CSS tokenizer does', () => {
    expect(decodeCss('\\75 rl(')).toBe('url(');
    expect(decodeCss('\\000075rl(')).toBe('url(');
    expect(decodeCss('u\\rl(')).toBe('url(');
    expect(decodeCss('u/**/rl(')).toBe('url(');
    expect(decodeCss('\\55 RL(')).toBe('url(');
  });
});

describe('sanitizeCss', () => {
  it('keeps plain styling', () => {
    expect(sanitizeCss('color: red; font-weight: bold', blocked)).toEqual({
      css: 'color: red; font-weight: bold',
      blocked: 0,
    });
  });

  it.each([
    'background: url(http://canary.test/a.png)',
    'background: \\75 rl(http://canary.test/a.png)',
    'background: u\\72 l(http://canary.test/a.png)',
    "background-image: URL('https://canary.test/a.png')",
    'background: u\\\nrl(http://canary.test/a.png)',
  ])('drops a remote reference while blocked: %s', (css) => {
    const result = sanitizeCss(`color: red; ${css}; margin: 0`, blocked);
    expect(result.blocked).toBe(1);
    expect(decodeCss(result.css)).not.toContain('url(');
    expect(result.css).toContain('color: red');
    expect(result.css).toContain('margin: 0');
  });

  it('keeps remote images once allowed, never other schemes', () => {
    expect(sanitizeCss('background: url(https://x.test/a.png)', allowed).css).toContain('url(');
    expect(sanitizeCss('background: url(javascript:alert(1))', allowed).css).toBe('');
    expect(sanitizeCss('background: url(/relative.png)', allowed).css).toBe('');
    expect(sanitizeCss('background: url(data:image/png;base64,AAAA)', blocked).css).toContain(
      'data:image/png',
    );
    expect(sanitizeCss('background: url(data:image/svg+xml,<svg>)', allowed).css).toBe('');
  });

  it('drops fetching constructs that are not url() even when allowed', () => {
    for (const css of [
      '@import "https://x.test/a.css";',
      '@import url(https://x.test/a.css);',
      'background: image-set("https://x.test/a.png" 1x)',
      'background: -webkit-image-set("https://x.test/a.png" 1x)',
      'width: expression(alert(1))',
      '@font-face { font-family: x; src: url(https://x.test/f.woff) }',
      'behavior: url(x.htc)',
      '-moz-binding: url(x.xml#xss)',
    ]) {
      const out = sanitizeCss(css, allowed).css;
      expect(decodeCss(out), css).not.toMatch(/url\(|image-set|expression|@import|@font-face/);
    }
  });

  it('judges each rule of a style sheet on its own', () => {
    const sheet =
      'p { color: blue } @media screen { td { background: url(http://x.test/bg.gif); padding: 2px } }';
    const out = sanitizeCss(sheet, blocked);
    expect(out.blocked).toBe(1);
    expect(out.css).toContain('color: blue');
    expect(out.css).toContain('padding: 2px');
    expect(out.css).not.toContain('x.test');
  });
});
