// The search box's language, parsed without touching a database so every client can
// show what a query means: words, "phrases", -negation, trailing * for a prefix, and
// operators from: to: subject: in: is: has: before: after: source:. Anything that does
// not parse as an operator (an unknown key, an invalid date) is searched as text, so a
// query never fails.

export type TermField = 'any' | 'from' | 'to' | 'subject';

export interface SearchTerm {
  field: TermField;
  /** The text as typed, quotes removed. */
  text: string;
  /** Quoted: the words must be adjacent and in order. */
  phrase: boolean;
  /** Ends in *: the last word matches as a prefix. */
  prefix: boolean;
  /** Preceded by -: messages with it are excluded. */
  negated: boolean;
}

export interface SearchQuery {
  terms: SearchTerm[];
  /** in:folder, matched against folder paths; several mean any of them. */
  folders: string[];
  unread?: boolean;
  flagged?: boolean;
  hasAttachment?: boolean;
  /** ISO instants: after: is inclusive of its day, before: exclusive. */
  after?: string;
  before?: string;
  /** source:mail or source:<network>, for RSE items later. */
  sources: string[];
}

const FIELD_KEYS: Record<string, TermField> = {
  from: 'from',
  to: 'to',
  subject: 'subject',
  cc: 'to',
};

/** Splits on spaces, keeping "quoted parts" (also after a key, as in from:"Ada L") whole. */
function tokens(input: string): string[] {
  return input.match(/-?[^\s"]*"[^"]*"?\*?|\S+/g) ?? [];
}

function unquote(value: string): { text: string; phrase: boolean; prefix: boolean } {
  let text = value;
  const prefix = text.endsWith('*');
  if (prefix) text = text.slice(0, -1);
  const phrase = text.startsWith('"');
  if (phrase) text = text.replace(/^"/, '').replace(/"$/, '');
  return { text: text.trim(), phrase, prefix };
}

/** YYYY-MM-DD, YYYY/MM/DD or YYYY-MM (first day) as a UTC midnight ISO string. */
export function parseDay(value: string): string | null {
  const m = /^(\d{4})[-/](\d{1,2})(?:[-/](\d{1,2}))?$/.exec(value);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 1)];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString();
}

function nextDay(iso: string): string {
  return new Date(Date.parse(iso) + 24 * 3600 * 1000).toISOString();
}

export function parseSearchQuery(input: string): SearchQuery {
  const query: SearchQuery = { terms: [], folders: [], sources: [] };
  for (const raw of tokens(input)) {
    const negated = raw.length > 1 && raw.startsWith('-');
    const token = negated ? raw.slice(1) : raw;
    const colon = token.indexOf(':');
    const key = colon > 0 ? token.slice(0, colon).toLowerCase() : '';
    const value = colon > 0 ? token.slice(colon + 1) : '';
    if (key && value && applyOperator(query, key, value, negated)) continue;
    const { text, phrase, prefix } = unquote(token);
    if (text) query.terms.push({ field: 'any', text, phrase, prefix, negated });
  }
  return query;
}

function applyOperator(query: SearchQuery, key: string, value: string, negated: boolean): boolean {
  const field = FIELD_KEYS[key];
  if (field) {
    const { text, phrase, prefix } = unquote(value);
    if (!text) return false;
    query.terms.push({ field, text, phrase, prefix, negated });
    return true;
  }
  const word = unquote(value).text.toLowerCase();
  switch (key) {
    case 'in':
      if (negated) return false;
      query.folders.push(unquote(value).text);
      return true;
    case 'source':
      if (negated) return false;
      query.sources.push(word);
      return true;
    case 'is':
      if (word === 'unread' || word === 'read') query.unread = (word === 'unread') !== negated;
      else if (word === 'flagged' || word === 'starred') query.flagged = !negated;
      else if (word === 'unflagged') query.flagged = negated;
      else return false;
      return true;
    case 'has':
      if (!/^attachments?$/.test(word)) return false;
      query.hasAttachment = !negated;
      return true;
    case 'before':
    case 'after': {
      const day = negated ? null : parseDay(word);
      if (!day) return false;
      // before:D excludes D itself; after:D includes it (Gmail's reading, which users know).
      if (key === 'before') query.before = day;
      else query.after = day;
      return true;
    }
    case 'on': {
      const day = negated ? null : parseDay(word);
      if (!day) return false;
      query.after = day;
      query.before = nextDay(day);
      return true;
    }
    default:
      return false;
  }
}

/** True when the query asks for nothing at all (an empty box lists nothing). */
export function isEmptyQuery(query: SearchQuery): boolean {
  return (
    query.terms.length === 0 &&
    query.folders.length === 0 &&
    query.unread === undefined &&
    query.flagged === undefined &&
    query.hasAttachment === undefined &&
    query.after === undefined &&
    query.before === undefined
  );
}
