// When an invitation's event happens, in the reader's language and time zone: "Thu, Dec 10,
// 2026, 10:00 – 11:00 AM" (Intl's own range formatting, so each language joins the two
// ends its way). All-day events are days (their end is exclusive: the day after the last);
// times written for a zone nobody can place are shown as written, naming that zone.
import type { CalendarInvite } from '../../../shared/domain';
import { formattingLocale } from './format';

const DAY_MS = 24 * 3600_000;

export function inviteWhen(
  invite: Pick<CalendarInvite, 'start' | 'end' | 'allDay' | 'floatingZone'>,
  locale: string = formattingLocale(),
  timeZone?: string,
): string {
  if (!invite.start) return '';
  const start = new Date(invite.start);
  if (Number.isNaN(start.getTime())) return '';
  if (invite.allDay) {
    // Dates are UTC midnights here: formatted in UTC so no zone moves them a day.
    const days = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' });
    const last = invite.end ? new Date(new Date(invite.end).getTime() - DAY_MS) : start;
    return last.getTime() > start.getTime() ? days.formatRange(start, last) : days.format(start);
  }
  const times = new Intl.DateTimeFormat(locale, {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: invite.floatingZone ? 'UTC' : timeZone,
  });
  const end = invite.end ? new Date(invite.end) : start;
  const when =
    end.getTime() > start.getTime() ? times.formatRange(start, end) : times.format(start);
  return invite.floatingZone ? `${when} (${invite.floatingZone})` : when;
}
