import { describe, expect, it } from 'vitest';
import { isEmptyQuery, parseDay, parseSearchQuery } from './search-query';

const word = (text: string, extra = {}) => ({
  field: 'any',
  text,
  phrase: false,
  prefix: false,
  negated: false,
  ...extra,
});

describe('parseSearchQuery', () => {
  it('reads words, phrases, prefixes and negations', () => {
    expect(parseSearchQuery('budget "quarterly plan" meet* -draft').terms).toEqual([
      word('budget'),
      word('quarterly plan', { phrase: true }),
      word('meet', { prefix: true }),
      word('draft', { negated: true }),
    ]);
  });

  it('reads field operators, with quoted values', () => {
    const q = parseSearchQuery('from:ada@example.com to:"Bob Smith" subject:plan cc:carol');
    expect(q.terms).toEqual([
      word('ada@example.com', { field: 'from' }),
      word('Bob Smith', { field: 'to', phrase: true }),
      word('plan', { field: 'subject' }),
      word('carol', { field: 'to' }),
    ]);
  });

  it('reads filters', () => {
    const q = parseSearchQuery(
      'in:Sent in:"Project X" is:unread is:flagged has:attachment after:2026-03-01 before:2026/04/01 source:mail',
    );
    expect(q).toMatchObject({
      folders: ['Sent', 'Project X'],
      unread: true,
      flagged: true,
      hasAttachment: true,
      after: '2026-03-01T00:00:00.000Z',
      before: '2026-04-01T00:00:00.000Z',
      sources: ['mail'],
    });
    expect(q.terms).toEqual([]);
    expect(parseSearchQuery('is:read -has:attachment -is:flagged')).toMatchObject({
      unread: false,
      hasAttachment: false,
      flagged: false,
    });
    expect(parseSearchQuery('on:2026-03-01')).toMatchObject({
      after: '2026-03-01T00:00:00.000Z',
      before: '2026-03-02T00:00:00.000Z',
    });
  });

  it('searches what is not an operator as text', () => {
    expect(parseSearchQuery('note:this before:someday https://x.test').terms).toEqual([
      word('note:this'),
      word('before:someday'),
      word('https://x.test'),
    ]);
    expect(parseSearchQuery('is:bogus').terms).toEqual([word('is:bogus')]);
  });

  it('knows an empty query', () => {
    expect(isEmptyQuery(parseSearchQuery('   '))).toBe(true);
    expect(isEmptyQuery(parseSearchQuery('is:unread'))).toBe(false);
  });

  it('rejects impossible days', () => {
    expect(parseDay('2026-02-30')).toBeNull();
    expect(parseDay('2026-13-01')).toBeNull();
    expect(parseDay('2026-02')).toBe('2026-02-01T00:00:00.000Z');
  });
});
