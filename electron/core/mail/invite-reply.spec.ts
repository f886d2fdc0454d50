// The answer to an invitation as the organiser's calendar reads it: Google Calendar's
// invitation from the MIME corpus answered, then read back with the same reader the
// reading pane uses, and with ical.js for what iTIP requires (RFC 5546 §3.2.3).
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';
import PostalMime from 'postal-mime';
import { beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_INVITATION } from '../../../test/harness/corpora';
import { readInvite } from './calendar-invite';
import { buildInviteReply } from './invite-reply';

let invitation: string;

beforeAll(async () => {
  const email = await PostalMime.parse(readFileSync(CORPUS_INVITATION.file));
  const part = email.attachments.find((a) => a.mimeType === 'text/calendar')!;
  invitation =
    typeof part.content === 'string' ? part.content : new TextDecoder().decode(part.content);
});

describe('buildInviteReply', () => {
  it('answers as the attendee the invitation lists, with its UID, organiser and zone', () => {
    const reply = buildInviteReply(
      invitation,
      { name: 'Andris (test)', addresses: ['ANDRIS@ethereal.email', 'andris@login.example'] },
      'ACCEPTED',
    )!;
    expect(reply.organizer).toEqual({ name: 'Andris Reinman', address: 'andris@postalsys.com' });
    expect(reply.summary).toBe('Test event ⏰');
    expect(readInvite(reply.ics)).toMatchObject({
      method: 'REPLY',
      summary: 'Test event ⏰',
      start: '2024-04-11T08:00:00.000Z',
      reply: {
        from: { name: 'Andris (test)', address: 'andris@ethereal.email' },
        answer: 'ACCEPTED',
      },
    });
    const event = new ICAL.Component(ICAL.parse(reply.ics)).getFirstSubcomponent('vevent')!;
    expect(event.getFirstPropertyValue('uid')).toBe('1utaf3eftt1agbnisfcc3a5ps0@google.com');
    expect(event.getAllProperties('attendee')).toHaveLength(1);
    expect(event.getFirstPropertyValue('dtstamp')).toBeTruthy();
  });

  it('answers from our own address when the invitation does not list it (forwarded)', () => {
    const reply = buildInviteReply(invitation, { addresses: ['bob@example.test'] }, 'DECLINED')!;
    expect(readInvite(reply.ics)?.reply).toEqual({
      from: { address: 'bob@example.test' },
      answer: 'DECLINED',
    });
  });

  it('is null for what cannot be answered: no organiser, not a calendar', () => {
    const noOrganizer = invitation.replace(/^ORGANIZER[^\r\n]*\r?\n/m, '');
    expect(buildInviteReply(noOrganizer, { addresses: ['a@b.example'] }, 'ACCEPTED')).toBe(null);
    expect(buildInviteReply('garbage', { addresses: ['a@b.example'] }, 'ACCEPTED')).toBe(null);
  });
});
