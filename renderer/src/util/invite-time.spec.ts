// An invitation's time as the reading pane words it, in English and French, in the
// reader's zone; all-day events as days; a zone nobody could place, named.
import { describe, expect, it } from 'vitest';
import { inviteWhen as formatted } from './invite-time';

/** Intl puts thin and no-break spaces around the range dash and before AM: compared as spaces. */
const inviteWhen = (...args: Parameters<typeof formatted>) =>
  formatted(...args).replace(/[\u2009\u202f\u00a0]/g, ' ');

const timed = { start: '2026-12-10T09:00:00.000Z', end: '2026-12-10T10:00:00.000Z', allDay: false };

describe('inviteWhen', () => {
  it('is a range in the reader’s zone and language', () => {
    expect(inviteWhen(timed, 'en-US', 'Europe/Paris')).toBe(
      'Thursday, December 10, 2026, 10:00 – 11:00 AM',
    );
    expect(inviteWhen(timed, 'fr-FR', 'America/Montreal')).toBe(
      'jeudi 10 décembre 2026, 04:00 – 05:00',
    );
    expect(inviteWhen({ ...timed, end: timed.start }, 'en-US', 'UTC')).toBe(
      'Thursday, December 10, 2026 at 9:00 AM',
    );
  });

  it('shows all-day events as their days, the exclusive end taken off', () => {
    const oneDay = { start: '2026-12-14', end: '2026-12-15', allDay: true };
    expect(inviteWhen(oneDay, 'en-US', 'America/Los_Angeles')).toBe('Monday, December 14, 2026');
    expect(inviteWhen({ ...oneDay, end: '2026-12-16' }, 'en-US')).toBe(
      'Monday, December 14 – Tuesday, December 15, 2026',
    );
  });

  it('names a zone it could not place, and is empty without a start', () => {
    const floating = { ...timed, floatingZone: 'W. Europe Standard Time' };
    expect(inviteWhen(floating, 'en-US', 'Asia/Tokyo')).toBe(
      'Thursday, December 10, 2026, 9:00 – 10:00 AM (W. Europe Standard Time)',
    );
    expect(inviteWhen({ start: null, end: null, allDay: false })).toBe('');
  });
});
