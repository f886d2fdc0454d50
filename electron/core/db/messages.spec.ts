import { describe, expect, it } from 'vitest';
import { normaliseDate } from './messages';

describe('normaliseDate', () => {
  it('gives every date the same sortable ISO form', () => {
    expect(normaliseDate('Tue, 3 Jun 2025 09:15:00 +0200')).toBe('2025-06-03T07:15:00.000Z');
    expect(normaliseDate('2025-06-03T09:15:00+02:00')).toBe('2025-06-03T07:15:00.000Z');
    expect(normaliseDate('2025-06-03T07:15:00Z')).toBe('2025-06-03T07:15:00.000Z');
  });

  it('keeps a date already in that form, as parsing it would', () => {
    for (const iso of ['2025-06-03T07:15:00.000Z', '1999-12-28T23:59:59.999Z']) {
      expect(normaliseDate(iso)).toBe(iso);
      expect(normaliseDate(iso)).toBe(new Date(Date.parse(iso)).toISOString());
    }
  });

  it('parses what only looks normal: a day past the month rolls over as Date does', () => {
    expect(normaliseDate('2025-02-30T00:00:00.000Z')).toBe('2025-03-02T00:00:00.000Z');
    expect(normaliseDate('2025-04-31T12:00:00.000Z')).toBe('2025-05-01T12:00:00.000Z');
  });

  it('sorts an unreadable date as the epoch rather than losing the message', () => {
    expect(normaliseDate('not a date')).toBe('1970-01-01T00:00:00.000Z');
    expect(normaliseDate('2025-13-01T00:00:00.000Z')).toBe('1970-01-01T00:00:00.000Z');
    expect(normaliseDate('')).toBe('1970-01-01T00:00:00.000Z');
  });
});
