// A text/calendar part (iCalendar, RFC 5545, sent as iTIP, RFC 5546) read into what the
// reading pane shows of an invitation: what, when, where, who invites, and whether it is
// an invitation, a cancellation or someone's answer. Parsing is ical.js's (Mozilla's).
import ICAL from 'ical.js';
import type { Address, CalendarInvite } from '../../../shared/domain';
import { safeAddress } from '../../../shared/address-display';

/** iCalendar's CAL-ADDRESS is a mailto: URI; CN is the person's name. */
function calAddress(property: ICAL.Property | null): Address | null {
  if (!property) return null;
  const value = String(property.getFirstValue() ?? '');
  const address = value.replace(/^mailto:/i, '').trim();
  if (!address.includes('@')) return null;
  const name = property.getParameter('cn');
  return safeAddress(typeof name === 'string' ? name : undefined, address);
}

/**
 * A wall-clock time in an IANA zone the invitation names but does not define (no
 * VTIMEZONE): placed with the platform's zone data. Null when the zone is unknown.
 */
function inNamedZone(time: ICAL.Time, zone: string): Date | null {
  try {
    const guess = Date.UTC(
      time.year,
      time.month - 1,
      time.day,
      time.hour,
      time.minute,
      time.second,
    );
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    }).formatToParts(new Date(guess));
    const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    const shown = Date.UTC(
      part('year'),
      part('month') - 1,
      part('day'),
      part('hour'),
      part('minute'),
      part('second'),
    );
    return new Date(guess - (shown - guess));
  } catch {
    return null; // not a zone Intl knows (a Windows name, a typo)
  }
}

interface Placed {
  iso: string | null;
  floatingZone?: string;
}

function place(time: ICAL.Time | null, property: ICAL.Property | null): Placed {
  if (!time) return { iso: null };
  if (time.isDate) return { iso: time.toString().slice(0, 10) };
  const tzid = property?.getParameter('tzid');
  const zone = typeof tzid === 'string' ? tzid : undefined;
  // A zone the part defined (VTIMEZONE), UTC, or none at all: ical.js places it.
  if (!zone || time.zone?.tzid === zone || time.zone?.tzid === 'UTC') {
    return { iso: time.toJSDate().toISOString() };
  }
  const named = inNamedZone(time, zone);
  if (named) return { iso: named.toISOString() };
  // Written for a zone nobody can place: shown as written, saying which zone it was.
  const wall = Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second);
  return { iso: new Date(wall).toISOString(), floatingZone: zone };
}

/** The invitation in `ics`, or null when it holds no event (or is not iCalendar). */
export function readInvite(ics: string): CalendarInvite | null {
  let calendar: ICAL.Component;
  try {
    calendar = new ICAL.Component(ICAL.parse(ics));
  } catch {
    return null;
  }
  const registered: string[] = [];
  try {
    // Its own zone definitions, for the time of this reading only (the service is global).
    for (const definition of calendar.getAllSubcomponents('vtimezone')) {
      const tzid = String(definition.getFirstPropertyValue('tzid') ?? '');
      if (!tzid || ICAL.TimezoneService.has(tzid)) continue;
      ICAL.TimezoneService.register(definition);
      registered.push(tzid);
    }
    const vevent = calendar.getFirstSubcomponent('vevent');
    if (!vevent) return null;
    const event = new ICAL.Event(vevent);
    const method = calendar.getFirstPropertyValue('method');
    const start = place(event.startDate, vevent.getFirstProperty('dtstart'));
    const end = place(event.endDate, vevent.getFirstProperty('dtend'));
    const attendees = vevent.getAllProperties('attendee');
    const upperMethod = typeof method === 'string' ? method.toUpperCase() : null;
    const answer = attendees[0]?.getParameter('partstat');
    const replier = calAddress(attendees[0] ?? null);
    const status = String(vevent.getFirstPropertyValue('status') ?? '').toUpperCase();
    return {
      method: upperMethod,
      summary: event.summary?.trim() ?? '',
      start: start.iso,
      end: end.iso,
      allDay: event.startDate?.isDate ?? false,
      ...(start.floatingZone ? { floatingZone: start.floatingZone } : {}),
      location: event.location?.trim() || null,
      organizer: calAddress(vevent.getFirstProperty('organizer')),
      attendees: attendees.length,
      recurring: event.isRecurring(),
      cancelled: upperMethod === 'CANCEL' || status === 'CANCELLED',
      ...(upperMethod === 'REPLY' && replier && typeof answer === 'string'
        ? { reply: { from: replier, answer: answer.toUpperCase() } }
        : {}),
    };
  } catch {
    return null; // parsed, but not an event ical.js can read
  } finally {
    for (const tzid of registered) ICAL.TimezoneService.remove(tzid);
  }
}
