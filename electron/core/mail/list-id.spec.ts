import { describe, expect, it } from 'vitest';
import { parseListId } from './list-id';

describe('parseListId (RFC 2919)', () => {
  it('takes the identifier between angle brackets, lower-cased', () => {
    expect(parseListId('"Dev team" <Dev.Lists.ACME.example>')).toBe('dev.lists.acme.example');
    expect(parseListId('<announce.example.org>')).toBe('announce.example.org');
  });

  it('accepts a bare identifier and refuses what is not one', () => {
    expect(parseListId(' dev.lists.acme.example ')).toBe('dev.lists.acme.example');
    expect(parseListId('Dev team')).toBeNull();
    expect(parseListId('')).toBeNull();
    expect(parseListId(undefined)).toBeNull();
    expect(parseListId(`<${'a'.repeat(300)}.example>`)).toBeNull();
  });
});
