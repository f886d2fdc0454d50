// An attendee's answer to an invitation (iTIP REPLY, RFC 5546 §3.2.3): the event's UID,
// SEQUENCE and RECURRENCE-ID so the organiser's calendar finds it, its ORGANIZER, and one
// ATTENDEE, us, with our PARTSTAT. Built with ical.js from the invitation itself.
import ICAL from 'ical.js';
import type { Address } from '../../../shared/domain';
import type { InviteAnswer } from '../../../shared/requests/attachments';
import { safeAddress } from '../../../shared/address-display';

export interface InviteReply {
  /** The REPLY calendar, to send as text/calendar; method=REPLY. */
  ics: string;
  organizer: Address;
  summary: string;
}

const mailtoOf = (property: ICAL.Property) =>
  String(property.getFirstValue() ?? '')
    .replace(/^mailto:/i, '')
    .trim();

/**
 * The REPLY to `invitation` from `me` (one of `myAddresses` is how the invitation may name
 * us: the attendee it lists is answered as listed). Null when it is no invitation one can
 * answer: no event, no UID, no organiser to send the answer to.
 */
export function buildInviteReply(
  invitation: string,
  me: { name?: string; addresses: string[] },
  answer: InviteAnswer,
): InviteReply | null {
  let calendar: ICAL.Component;
  try {
    calendar = new ICAL.Component(ICAL.parse(invitation));
  } catch {
    return null;
  }
  const vevent = calendar.getFirstSubcomponent('vevent');
  const uid = vevent?.getFirstPropertyValue('uid');
  const organizerProperty = vevent?.getFirstProperty('organizer');
  if (!vevent || !uid || !organizerProperty) return null;
  const organizerName = organizerProperty.getParameter('cn');
  const organizer = safeAddress(
    typeof organizerName === 'string' ? organizerName : undefined,
    mailtoOf(organizerProperty),
  );
  if (!organizer) return null;

  const mine = new Set(me.addresses.map((a) => a.toLowerCase()));
  const listed = vevent
    .getAllProperties('attendee')
    .map(mailtoOf)
    .find((address) => mine.has(address.toLowerCase()));

  const reply = new ICAL.Component(['vcalendar', [], []]);
  reply.addPropertyWithValue('prodid', '-//Passerelle//Passerelle//EN');
  reply.addPropertyWithValue('version', '2.0');
  reply.addPropertyWithValue('method', 'REPLY');
  // A DTSTART in a zone needs that zone's definition beside it.
  for (const zone of calendar.getAllSubcomponents('vtimezone')) reply.addSubcomponent(zone);
  const event = new ICAL.Component('vevent');
  for (const name of ['uid', 'sequence', 'recurrence-id', 'dtstart', 'dtend', 'summary']) {
    const property = vevent.getFirstProperty(name);
    if (property) event.addProperty(new ICAL.Property(property.toJSON()));
  }
  event.addPropertyWithValue('dtstamp', ICAL.Time.fromJSDate(new Date(), true));
  event.addProperty(new ICAL.Property(organizerProperty.toJSON()));
  const attendee = new ICAL.Property('attendee');
  attendee.setParameter('partstat', answer);
  if (me.name) attendee.setParameter('cn', me.name);
  attendee.setValue(`mailto:${listed ?? me.addresses[0]}`);
  event.addProperty(attendee);
  reply.addSubcomponent(event);
  const summary = String(vevent.getFirstPropertyValue('summary') ?? '').trim();
  return { ics: reply.toString(), organizer, summary };
}
