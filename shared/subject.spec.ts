import { describe, expect, it } from 'vitest';
import { normaliseSubject, subjectKey } from './subject';

describe('normaliseSubject', () => {
  it.each([
    ['Re: Plan', 'Plan'],
    ['RE: Plan', 'Plan'],
    ['Fwd: Plan', 'Plan'],
    ['FW: Plan', 'Plan'],
    ['TR: Plan', 'Plan'],
    ['AW: Plan', 'Plan'],
    ['WG: Plan', 'Plan'],
    ['SV: Plan', 'Plan'],
    ['VS: Plan', 'Plan'],
    ['Antw: Plan', 'Plan'],
    ['RV: Plan', 'Plan'],
    ['Rif: Plan', 'Plan'],
    ['R: Plan', 'Plan'],
    ['Odp: Plan', 'Plan'],
    ['RE : Plan', 'Plan'],
    ['Re[2]: Plan', 'Plan'],
    ['Re(3): Plan', 'Plan'],
    ['Re^2: Plan', 'Plan'],
    ['回复：Plan', 'Plan'],
    ['Re: Fwd: RE : AW: Plan', 'Plan'],
    ['[fedora-devel] Re: Plan', 'Plan'],
    ['Re: [fedora-devel] Re: [other] Plan', 'Plan'],
    ['[Fwd: Plan]', 'Plan'],
    ['Plan (fwd)', 'Plan'],
    ['  Re:   Plan   for   2026 ', 'Plan for 2026'],
  ])('%s → %s', (input, base) => {
    const result = normaliseSubject(input);
    expect(result.base).toBe(base);
    expect(result.isReply).toBe(true);
  });

  it('leaves subjects without a marker alone', () => {
    expect(normaliseSubject('Plan')).toEqual({ base: 'Plan', isReply: false });
    // A word that merely starts like a marker is not one.
    expect(normaliseSubject('Report: Q3')).toEqual({ base: 'Report: Q3', isReply: false });
    expect(normaliseSubject('Rental agreement')).toEqual({
      base: 'Rental agreement',
      isReply: false,
    });
    // A list tag alone is removed without making the message a reply.
    expect(normaliseSubject('[list] Plan')).toEqual({ base: 'Plan', isReply: false });
  });

  it('keeps something when the subject is only a marker or a tag', () => {
    expect(normaliseSubject('Re:').base).toBe('Re:');
    expect(normaliseSubject('[URGENT]').base).toBe('[URGENT]');
    expect(normaliseSubject('')).toEqual({ base: '', isReply: false });
    expect(normaliseSubject(null)).toEqual({ base: '', isReply: false });
  });

  it('folds case in the thread key', () => {
    expect(subjectKey('RE: Déjà Vu')).toBe(subjectKey('déjà vu'));
  });
});
