import { describe, expect, it } from 'vitest';
import { uidSet } from './uid-set';

describe('uidSet', () => {
  it('writes runs as ranges, in order, so thousands of UIDs stay a short line', () => {
    expect(uidSet([10, 1, 2, 3, 7, 9])).toBe('1:3,7,9:10');
    expect(uidSet([5])).toBe('5');
    expect(uidSet([])).toBe('');
    const many = Array.from({ length: 10_000 }, (_, i) => i + 1).filter((uid) => uid % 1000 !== 0);
    const set = uidSet(many);
    expect(set.split(',')).toHaveLength(10);
    expect(set.startsWith('1:999,1001:1999,')).toBe(true);
    expect(set.endsWith(',9001:9999')).toBe(true);
  });
});
