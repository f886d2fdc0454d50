// CSS from mail: kept for layout, but nothing in it may fetch. Decisions are taken on
// the text as the browser's tokenizer would see it (comments gone, escapes decoded), so
// `\75 rl(`, `u\rl(` or `ur/**/l(` cannot smuggle a url() past the check; the raw text
// of a kept declaration is emitted unchanged, so nothing decoded ever reaches the page.

/** Functions and at-rules that load or execute something. */
const FETCHING =
  /(?:url|image-set|image|cross-fade|src|element|paint|expression)\s*\(|@import|@font-face|behaviou?r\s*:|binding\s*:/;
const URL_ARG = /url\s*\(\s*(['"]?)([^'")]*)\1\s*\)/g;
const SAFE_DATA_IMAGE = /^data:image\/(?:png|gif|jpe?g|webp|bmp|avif)[;,]/;

export interface CssPolicy {
  /** Remote (http/https) images may load: the user allowed it. */
  allowRemote: boolean;
}

export interface CssResult {
  css: string;
  /** Remote references removed because remote content is blocked. */
  blocked: number;
}

/** What the CSS tokenizer sees: comments removed, escapes decoded, lower case. */
export function decodeCss(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?(?:\*\/|$)/g, '')
    .replace(/\\(?:\r\n|[\n\r\f])/g, '')
    .replace(/\\([0-9a-fA-F]{1,6})(?:\r\n|[ \t\n\r\f])?/g, (_, hex: string) => {
      const code = parseInt(hex, 16);
      return code === 0 || code > 0x10ffff ? '\ufffd' : String.fromCodePoint(code);
    })
    .replace(/\\([\s\S])/g, '$1')
    .replace(/\0/g, '\ufffd')
    .toLowerCase();
}

type Verdict = 'keep' | 'blocked' | 'unsafe';

/** Judges one declaration (or any CSS text) on its decoded form. */
function judge(raw: string, policy: CssPolicy): Verdict {
  const decoded = decodeCss(raw);
  if (!FETCHING.test(decoded)) return 'keep';
  // Only plain url() may survive, and only with an http(s) or raster data: address.
  const withoutUrls = decoded.replace(URL_ARG, '');
  if (FETCHING.test(withoutUrls)) return 'unsafe';
  let verdict: Verdict = 'keep';
  for (const [, , address] of decoded.matchAll(URL_ARG)) {
    const url = (address ?? '').trim();
    if (SAFE_DATA_IMAGE.test(url)) continue;
    if (/^https?:\/\//.test(url)) {
      if (!policy.allowRemote) verdict = 'blocked';
      continue;
    }
    return 'unsafe';
  }
  return verdict;
}

/**
 * Splits CSS text at top-level `;`, `{` and `}` (outside strings and parentheses), so
 * each declaration is judged on its own; the separators are kept.
 */
function splitDeclarations(css: string): string[] {
  const parts: string[] = [];
  let start = 0;
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < css.length; i++) {
    const c = css[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (quote) {
      if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && (c === ';' || c === '{' || c === '}')) {
      parts.push(css.slice(start, i + 1));
      start = i + 1;
    }
  }
  parts.push(css.slice(start));
  return parts;
}

/**
 * Drops every declaration that would fetch while it is not allowed, or that uses anything
 * but url(http(s)|data:image); a rule whose prelude does (@font-face) goes whole. The result is checked again as a whole:
 * if anything fetching is left (e.g. a split we got wrong), all of it goes.
 */
export function sanitizeCss(css: string, policy: CssPolicy): CssResult {
  let blocked = 0;
  // Depth inside a block whose prelude was refused (@font-face, @import…): all of it goes.
  let skipping = 0;
  const kept = splitDeclarations(css).map((part) => {
    const end = part.at(-1);
    if (skipping > 0) {
      if (end === '{') skipping++;
      else if (end === '}') skipping--;
      return '';
    }
    const verdict = judge(part, policy);
    if (verdict === 'keep') return part;
    if (verdict === 'blocked') blocked++;
    if (end === '{') {
      skipping = 1;
      return '';
    }
    // Keep a closing brace so the rest of the sheet stays balanced.
    return end === '}' ? end : '';
  });
  const result = kept.join('');
  if (judge(result, policy) !== 'keep') return { css: '', blocked: blocked || 1 };
  return { css: result, blocked };
}
