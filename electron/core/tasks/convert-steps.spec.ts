import { describe, expect, it } from 'vitest';
import { followMarker, partMarker, withMarker } from './convert-steps';

const KEY = 'passerelleconversion0123456789abcdef';

describe('conversion markers', () => {
  it('keeps the root marker and gives every reply its own, none a prefix of another', () => {
    const markers = Array.from({ length: 120 }, (_, i) => partMarker(KEY, i));
    expect(markers[0]).toBe(KEY);
    expect(new Set(markers).size).toBe(120);
    for (const a of markers.slice(1)) {
      for (const b of markers.slice(1)) if (a !== b) expect(b.startsWith(a)).toBe(false);
      // Letters and digits only: WordPress' search splits words on punctuation.
      expect(a).toMatch(/^[a-z0-9]+$/u);
    }
  });

  it('derives a follow-up comment’s marker from the email, the same on every replay', () => {
    const a = followMarker(KEY, '<late@example.test>', 0);
    expect(a).toBe(followMarker(KEY, '<late@example.test>', 0));
    expect(a).not.toBe(followMarker(KEY, '<later@example.test>', 0));
    expect(a).not.toBe(followMarker(KEY, '<late@example.test>', 1));
    expect(a).toMatch(/^[a-z0-9]+$/u);
  });

  it('hides the marker in an HTML comment where the network keeps them, only there', () => {
    expect(withMarker('<p>Hi</p>', 'html', KEY)).toBe(`<p>Hi</p>\n<!-- ${KEY} -->`);
    expect(withMarker('Hi', 'markdown', KEY)).toBe('Hi');
  });
});
