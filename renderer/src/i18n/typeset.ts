// French typography: a no-break space before « : » and inside « guillemets », a narrow
// no-break space before « ; ? ! » (the Imprimerie nationale's rules), so a line never
// breaks between a word and its punctuation. Authors may type ordinary spaces; the layer
// sets the right ones when it loads the French tables.

const NO_BREAK = '\u00a0';
const NARROW_NO_BREAK = '\u202f';

export function typesetFrench(text: string): string {
  return text
    .replace(/(\S)[ \u00a0\u202f]+:/g, `$1${NO_BREAK}:`)
    .replace(/(\S)[ \u00a0\u202f]+([;?!])/g, `$1${NARROW_NO_BREAK}$2`)
    .replace(/«[ \u00a0\u202f]*/g, `«${NO_BREAK}`)
    .replace(/[ \u00a0\u202f]*»/g, `${NO_BREAK}»`);
}

/** The same tree of messages, every leaf typeset with `typeset`. */
export function typesetTree<T>(tree: T, typeset: (text: string) => string): T {
  if (typeof tree === 'string') return typeset(tree) as T;
  if (tree === null || typeof tree !== 'object') return tree;
  return Object.fromEntries(
    Object.entries(tree).map(([key, value]) => [key, typesetTree(value, typeset)]),
  ) as T;
}
