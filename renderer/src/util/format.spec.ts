import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../i18n';
import {
  fileSize,
  formattingLocale,
  fullAddress,
  fullTime,
  listTime,
  senderInitial,
  senderName,
} from './format';

afterEach(() => setLocale('en'));

describe('senderName', () => {
  it('prefers the display name and falls back to the address', () => {
    expect(senderName({ name: 'Ada', address: 'ada@example.org' })).toBe('Ada');
    expect(senderName({ name: '  ', address: 'ada@example.org' })).toBe('ada@example.org');
    expect(senderName(null)).toBe('(unknown sender)');
    expect(fullAddress({ name: 'Ada', address: 'a@x' })).toBe('Ada <a@x>');
  });

  it('names an unknown sender in the window’s language', () => {
    setLocale('fr');
    expect(senderName(null)).toBe('(expéditeur inconnu)');
  });
});

describe('senderInitial', () => {
  it('takes the first letter or digit of the name shown, else a question mark', () => {
    expect(senderInitial({ name: '"Ada Lovelace"', address: 'ada@example.org' })).toBe('A');
    expect(senderInitial({ address: 'zoe@example.org' })).toBe('Z');
    expect(senderInitial({ name: '🦊 élise', address: 'e@example.org' })).toBe('É');
    expect(senderInitial(null)).toBe('?');
    expect(senderInitial({ name: '—', address: '' })).toBe('?');
  });
});

describe('listTime', () => {
  const now = new Date(2025, 5, 18, 15, 0); // a Wednesday

  it('shows the time for today, then Yesterday, the weekday, the day, the year', () => {
    expect(listTime(new Date(2025, 5, 18, 9, 5).toISOString(), now, 'en-GB')).toBe('9:05');
    expect(listTime(new Date(2025, 5, 17, 23, 0).toISOString(), now, 'en-GB')).toBe('Yesterday');
    expect(listTime(new Date(2025, 5, 14, 12, 0).toISOString(), now, 'en-GB')).toBe('Sat');
    expect(listTime(new Date(2025, 1, 3, 12, 0).toISOString(), now, 'en-GB')).toBe('3 Feb');
    expect(listTime(new Date(2025, 1, 3, 12, 0).toISOString(), now, 'en-US')).toBe('Feb 3');
    expect(listTime(new Date(2023, 1, 3, 12, 0).toISOString(), now, 'en-GB')).toBe('3 Feb 2023');
    expect(listTime('not a date', now)).toBe('');
  });

  it('speaks French: Hier, sam., 3 févr.', () => {
    expect(listTime(new Date(2025, 5, 18, 9, 5).toISOString(), now, 'fr-FR')).toBe('9:05');
    expect(listTime(new Date(2025, 5, 17, 23, 0).toISOString(), now, 'fr-FR')).toBe('Hier');
    expect(listTime(new Date(2025, 5, 14, 12, 0).toISOString(), now, 'fr-FR')).toBe('sam.');
    expect(listTime(new Date(2025, 1, 3, 12, 0).toISOString(), now, 'fr-FR')).toBe('3 févr.');
    expect(listTime(new Date(2023, 1, 3, 12, 0).toISOString(), now, 'fr-FR')).toBe('3 févr. 2023');
  });

  it('follows the window’s language when no locale is given', () => {
    const yesterday = new Date(2025, 5, 17, 23, 0).toISOString();
    expect(listTime(yesterday, now)).toBe('Yesterday');
    setLocale('fr');
    expect(listTime(yesterday, now)).toBe('Hier');
    expect(fullTime(new Date(2025, 5, 17, 23, 0).toISOString())).toBe('17 juin 2025, 23:00');
  });
});

describe('fullTime', () => {
  it('writes the date and time the way each language does', () => {
    const iso = new Date(2025, 5, 17, 23, 0).toISOString();
    expect(fullTime(iso, 'en-US')).toBe('Jun 17, 2025, 11:00 PM');
    expect(fullTime(iso, 'fr-FR')).toBe('17 juin 2025, 23:00');
    expect(fullTime('not a date')).toBe('');
  });
});

describe('formattingLocale', () => {
  it('keeps the user’s region of the window’s language, else the bare language', () => {
    expect(formattingLocale(['en-GB', 'fr-CA'])).toBe('en-GB');
    setLocale('fr');
    expect(formattingLocale(['en-GB', 'fr-CA'])).toBe('fr-CA');
    expect(formattingLocale(['de-DE'])).toBe('fr');
  });
});

describe('fileSize', () => {
  it('uses each language’s units and decimal mark', () => {
    expect(fileSize(512, 'en')).toBe('512 B');
    expect(fileSize(3 * 1024 + 100, 'en')).toBe('3 KB');
    expect(fileSize(1.5 * 1024 * 1024, 'en-GB')).toBe('1.5 MB');
    expect(fileSize(512, 'fr-FR')).toBe('512 o');
    expect(fileSize(3 * 1024 + 100, 'fr-FR')).toBe('3 Ko');
    expect(fileSize(1.5 * 1024 * 1024, 'fr-FR')).toBe('1,5 Mo');
  });
});
