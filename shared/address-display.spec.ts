import { describe, expect, it } from 'vitest';
import { MAX_DISPLAY_NAME_LENGTH, safeAddress, safeDisplayName } from './address-display';

// The rules as first written, without the shortcuts for plain text: the shortcuts must
// never change an answer.
/* eslint-disable no-control-regex */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
const referenceClean = (v: string) => v.replace(INVISIBLE, ' ').replace(/\s+/g, ' ').trim();
/* eslint-enable no-control-regex */
function referenceName(name: string | undefined, address: string): string | undefined {
  if (!name) return undefined;
  let shown = referenceClean(name);
  const real = address.toLowerCase();
  const claimed = shown.match(/\S*@\S*/g) ?? [];
  if (claimed.some((a) => a.replace(/[<>()"',;:[\]]/g, '').toLowerCase() !== real)) {
    return undefined;
  }
  shown = shown.replace(/[<>]/g, '').trim();
  if (shown.length > MAX_DISPLAY_NAME_LENGTH) {
    shown = `${shown.slice(0, MAX_DISPLAY_NAME_LENGTH - 1)}…`;
  }
  return shown || undefined;
}

describe('safeAddress', () => {
  it('keeps an ordinary name and address as they are', () => {
    expect(safeAddress('Alice Martin', 'alice@example.test')).toEqual({
      name: 'Alice Martin',
      address: 'alice@example.test',
    });
    expect(safeAddress('Zoé Müller', 'zoe@example.test')?.name).toBe('Zoé Müller');
  });

  it('drops a name that shows another address', () => {
    expect(safeAddress('PayPal <service@paypal.example>', 'attacker@evil.example')).toEqual({
      address: 'attacker@evil.example',
    });
    expect(safeAddress('"alice@example.test"', 'alice@example.test')?.name).toBe(
      '"alice@example.test"',
    );
  });

  it('removes controls, bidi overrides, brackets and runs of blanks', () => {
    expect(safeDisplayName('Bob\u202e\u0000 <Boss>', 'bob@example.test')).toBe('Bob Boss');
    expect(safeDisplayName('  Carol \t\r\n Smith ', 'c@example.test')).toBe('Carol Smith');
    expect(safeAddress('x', 'ev\u200bil@exa mple.test')?.address).toBe('evil@example.test');
    expect(safeAddress('x', '\u0000 ')).toBeNull();
  });

  it('bounds a long name', () => {
    const shown = safeDisplayName('N'.repeat(500), 'n@example.test')!;
    expect(shown).toHaveLength(MAX_DISPLAY_NAME_LENGTH);
    expect(shown.endsWith('…')).toBe(true);
  });

  it('answers as the rules without shortcuts do, for any mix of characters', () => {
    // Bounded: a fixed count of generated names from a seeded generator.
    const pieces = ['a', 'Z', ' ', '  ', '\t', '@', '<', '>', '"', ',', 'é', '\u202e', '\u0000'];
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
    for (let i = 0; i < 5_000; i++) {
      const length = next() % 12;
      const name = Array.from({ length }, () => pieces[next() % pieces.length]).join('');
      const address = next() % 3 ? 'a@z' : `${name}@z`;
      const cleaned = referenceClean(address).replace(/\s/g, '');
      expect(safeAddress(name, address)?.address ?? '').toBe(cleaned);
      if (cleaned) expect(safeDisplayName(name, cleaned)).toBe(referenceName(name, cleaned));
    }
  });
});
