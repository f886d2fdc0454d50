import { describe, expect, it } from 'vitest';
import { fullAddress, listTime, senderName } from './format';

describe('senderName', () => {
  it('prefers the display name and falls back to the address', () => {
    expect(senderName({ name: 'Ada', address: 'ada@example.org' })).toBe('Ada');
    expect(senderName({ name: '  ', address: 'ada@example.org' })).toBe('ada@example.org');
    expect(senderName(null)).toBe('(unknown sender)');
    expect(fullAddress({ name: 'Ada', address: 'a@x' })).toBe('Ada <a@x>');
  });
});

describe('listTime', () => {
  const now = new Date(2025, 5, 18, 15, 0); // a Wednesday

  it('shows the time for today, then Yesterday, the weekday, the day, the year', () => {
    expect(listTime(new Date(2025, 5, 18, 9, 5).toISOString(), now, 'en-GB')).toBe('9:05');
    expect(listTime(new Date(2025, 5, 17, 23, 0).toISOString(), now, 'en-GB')).toBe('Yesterday');
    expect(listTime(new Date(2025, 5, 14, 12, 0).toISOString(), now, 'en-GB')).toBe('Sat');
    expect(listTime(new Date(2025, 1, 3, 12, 0).toISOString(), now, 'en-GB')).toBe('3 Feb');
    expect(listTime(new Date(2023, 1, 3, 12, 0).toISOString(), now, 'en-GB')).toBe('3 Feb 2023');
    expect(listTime('not a date', now)).toBe('');
  });
});
