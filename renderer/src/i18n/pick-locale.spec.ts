import { describe, expect, it } from 'vitest';
import { pickLocale } from './index';

describe('pickLocale', () => {
  it('takes the first preferred language that is shipped, by its base tag', () => {
    expect(pickLocale(['de-DE', 'fr-CA', 'en-US'])).toBe('fr');
    expect(pickLocale(['en-GB', 'fr'])).toBe('en');
    expect(pickLocale(['FR'])).toBe('fr');
  });

  it('falls back to English when nothing preferred is shipped', () => {
    expect(pickLocale(['de', 'ja-JP'])).toBe('en');
    expect(pickLocale([])).toBe('en');
  });
});
