// Invitations as calendars send them: Google Calendar's (from the MIME corpus), and the
// shapes around it (a cancelled all-day event, an attendee's answer, a zone named but not
// defined, a Windows zone name nobody can place, something that is no calendar at all).
import { readFileSync } from 'node:fs';
import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { CORPUS_INVITATION } from '../../../test/harness/corpora';
import { readInvite } from './calendar-invite';

const calendar = (method: string, ...lines: string[]) =>
  [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Passerelle test//EN',
    ...(method ? [`METHOD:${method}`] : []),
    'BEGIN:VEVENT',
    'UID:1@test',
    'DTSTAMP:20261201T090000Z',
    ...lines,
    'END:VEVENT',
    'END:VCALENDAR',
  ].join('\r\n');

describe('readInvite', () => {
  it('reads Google Calendar’s invitation: its zone placed, its organizer and guests', async () => {
    const email = await PostalMime.parse(readFileSync(CORPUS_INVITATION.file));
    const part = email.attachments.find((a) => a.mimeType === 'text/calendar')!;
    const ics =
      typeof part.content === 'string' ? part.content : new TextDecoder().decode(part.content);
    expect(readInvite(ics)).toEqual(CORPUS_INVITATION.read);
  });

  it('reads a cancelled all-day event as days, and an answer to an invitation', () => {
    const cancel = readInvite(
      calendar(
        'CANCEL',
        'SUMMARY:Offsite',
        'DTSTART;VALUE=DATE:20261214',
        'DTEND;VALUE=DATE:20261216',
        'LOCATION:Lyon',
        'RRULE:FREQ=YEARLY',
      ),
    );
    expect(cancel).toMatchObject({
      method: 'CANCEL',
      start: '2026-12-14',
      end: '2026-12-16',
      allDay: true,
      location: 'Lyon',
      recurring: true,
      cancelled: true,
    });
    const reply = readInvite(
      calendar(
        'REPLY',
        'SUMMARY:Budget review',
        'DTSTART:20261210T090000Z',
        'ATTENDEE;CN="Bob Martin";PARTSTAT=DECLINED:mailto:bob@example.test',
      ),
    );
    expect(reply).toMatchObject({
      method: 'REPLY',
      start: '2026-12-10T09:00:00.000Z',
      // No DTEND or DURATION: RFC 5545 §3.6.1 makes it end as it starts.
      end: '2026-12-10T09:00:00.000Z',
      reply: { from: { name: 'Bob Martin', address: 'bob@example.test' }, answer: 'DECLINED' },
    });
  });

  it('places a zone it names without defining, and says when it cannot', () => {
    const named = readInvite(
      calendar('REQUEST', 'SUMMARY:Standup', 'DTSTART;TZID=Europe/Paris:20261210T100000'),
    );
    // 10:00 in Paris in December (UTC+1).
    expect(named).toMatchObject({ start: '2026-12-10T09:00:00.000Z' });
    expect(named).not.toHaveProperty('floatingZone');
    const windows = readInvite(
      calendar(
        'REQUEST',
        'SUMMARY:Standup',
        'DTSTART;TZID=W. Europe Standard Time:20261210T100000',
      ),
    );
    expect(windows).toMatchObject({
      start: '2026-12-10T10:00:00.000Z',
      floatingZone: 'W. Europe Standard Time',
    });
  });

  it('is null for what is no event: garbage, no VEVENT, an event with no start', () => {
    expect(readInvite('not a calendar')).toBe(null);
    expect(readInvite('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR')).toBe(null);
    expect(readInvite(calendar('REQUEST', 'SUMMARY:no start'))).toBe(null);
  });
});
