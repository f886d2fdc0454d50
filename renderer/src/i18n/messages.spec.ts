// Checks over every area's messages: French is really translated and typeset, every
// message compiles, and every key the renderer's sources name exists.
import { afterEach, describe, expect, it } from 'vitest';
import { i18n, setLocale, t } from './index';
import { typesetFrench } from './typeset';

type Tree = { [key: string]: string | Tree };

/** Every leaf as [dotted key, text]. */
function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [[prefix + key, value]] : leaves(value, `${prefix}${key}.`),
  );
}

const english = new Map(leaves(i18n.global.getLocaleMessage('en') as Tree));
const french = new Map(leaves(i18n.global.getLocaleMessage('fr') as Tree));

/** A message without its literal parts ({'@'}), which use straight quotes by syntax. */
const prose = (text: string) => text.replace(/\{'[^']*'\}/g, '');

afterEach(() => setLocale('en'));

describe('French messages', () => {
  it('has every English key, and no empty or forgotten English leaf', () => {
    expect([...french.keys()].sort()).toEqual([...english.keys()].sort());
    const problems = [...french].filter(([key, text]) => {
      // Compared per plural form: "{n} message | {n} messages" is French too.
      const forms = english.get(key)!.split('|');
      const copied = text.split('|').some((form, i) => form.length > 20 && form === forms[i]);
      return text.trim() === '' || copied;
    });
    expect(problems).toEqual([]);
  });

  it('is typeset the French way as loaded: no-break spaces before : ; ? ! and in « »', () => {
    const problems = [...french].filter(([, text]) => {
      const p = prose(text);
      return /[ \t][:;?!»]|«[ \t]|["']/.test(p);
    });
    expect(problems).toEqual([]);
    // Not vacuous: French messages do carry such punctuation.
    expect(
      [...french.values()].filter((text) => /\u00a0:|\u202f\?/.test(text)).length,
    ).toBeGreaterThan(3);
  });

  it('sets the spaces authors typed as ordinary ones, and leaves addresses alone', () => {
    expect(typesetFrench('Retirer le compte ?')).toBe('Retirer le compte\u202f?');
    expect(typesetFrench('Erreur : {reason} ; réessayez !')).toBe(
      'Erreur\u00a0: {reason}\u202f; réessayez\u202f!',
    );
    expect(typesetFrench('Reprendre « {subject} »')).toBe('Reprendre «\u00a0{subject}\u00a0»');
    expect(typesetFrench('«{q}»')).toBe('«\u00a0{q}\u00a0»');
    expect(typesetFrench('https://intranet, from:ada, 12:30')).toBe(
      'https://intranet, from:ada, 12:30',
    );
    expect(typesetFrench('Déjà\u00a0: bon')).toBe('Déjà\u00a0: bon');
  });

  it('counts 0 and 1 as singular, unlike English', () => {
    setLocale('fr');
    expect(t('reading.messageCount', 0)).toBe('0 message');
    expect(t('reading.messageCount', 1)).toBe('1 message');
    expect(t('reading.attachments.count', 2)).toBe('2 pièces jointes');
    setLocale('en');
    expect(t('reading.messageCount', 0)).toBe('0 messages');
    expect(t('reading.messageCount', 1)).toBe('1 message');
  });
});

describe('every message', () => {
  // A bare @ is link syntax, for one, and must be written {'@'}.
  it('compiles in both languages', () => {
    const failures: string[] = [];
    for (const locale of ['en', 'fr'] as const) {
      for (const key of english.keys()) {
        try {
          t(key, {}, { locale });
        } catch (error) {
          failures.push(`${locale} ${key}: ${(error as Error).message.split('\n')[0]}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('fills its placeholders', () => {
    setLocale('fr');
    expect(t('convert.postedTo', { space: 'Finance' })).toBe('Publié dans Finance ↗');
    expect(t('accounts.rse.emailPlaceholder')).toBe('vous@example.com');
  });
});

describe('the keys the renderer names', () => {
  // Sources as text, through Vite (the renderer has no file system access).
  const sources = import.meta.glob<string>(['../**/*.vue', '../**/*.ts', '!../**/*.spec.ts'], {
    query: '?raw',
    import: 'default',
    eager: true,
  });
  const branches = new Set(
    [...english.keys()].flatMap((key) =>
      key
        .split('.')
        .slice(0, -1)
        .map((_, i, parts) => parts.slice(0, i + 1).join('.')),
    ),
  );

  /** The argument text of every t(…) call and <i18n-t keypath="…">. */
  function translationCalls(text: string): string[] {
    const calls: string[] = [];
    for (const m of text.matchAll(/\bt\(|keypath="([^"]*)"/g)) {
      if (m[1] !== undefined) {
        calls.push(`'${m[1]}'`);
        continue;
      }
      let depth = 1;
      let end = m.index + m[0].length;
      while (depth > 0 && end < text.length) {
        const c = text[end++];
        if (c === '(') depth++;
        else if (c === ')') depth--;
      }
      calls.push(text.slice(m.index + m[0].length, end - 1));
    }
    return calls;
  }

  it('all exist: literal keys as leaves, the fixed part of computed ones as a branch', () => {
    const areas = new Set([...english.keys()].map((key) => key.split('.')[0]));
    const missing: string[] = [];
    let checked = 0;
    for (const [file, text] of Object.entries(sources)) {
      for (const call of translationCalls(text)) {
        // Quoted keys (ternaries included), and `area.branch.${…}` templates.
        for (const m of call.matchAll(/'([a-zA-Z]+(?:\.\w+)+)'|`([\w.]+)\.\$\{/g)) {
          const key = (m[1] ?? m[2])!;
          if (!areas.has(key.split('.')[0])) continue; // e.g. 'area.key' in a comment
          checked++;
          if (m[1] !== undefined && !english.has(key)) missing.push(`${file}: ${key}`);
          if (m[2] !== undefined && !branches.has(key)) missing.push(`${file}: ${key}.…`);
        }
      }
    }
    expect(missing).toEqual([]);
    // The scan found the calls (a regex that matched nothing would pass the check above).
    expect(checked).toBeGreaterThan(100);
  });
});
