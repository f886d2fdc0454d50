// Display helpers for addresses and times; plain functions so they are easy to test.
import { safeDisplayName } from '../../../shared/address-display';
import type { Address } from '../../../shared/domain';

// Names are made safe when mail is stored; checking again here covers older profiles.
export function senderName(from: Address | null | undefined): string {
  if (!from) return '(unknown sender)';
  return safeDisplayName(from.name, from.address) || from.address;
}

/** The name the reading pane may show beside the real address, if any. */
export function shownName(a: Address | null | undefined): string | undefined {
  return a ? safeDisplayName(a.name, a.address) : undefined;
}

export function fullAddress(a: Address): string {
  const name = safeDisplayName(a.name, a.address);
  return name ? `${name} <${a.address}>` : a.address;
}

function sameDay(a: Date, b: Date): boolean {
  return (
    a.getFullYear() === b.getFullYear() &&
    a.getMonth() === b.getMonth() &&
    a.getDate() === b.getDate()
  );
}

/** Compact time for a list row: the time today, "Yesterday", the day this week, else a date. */
export function listTime(iso: string, now: Date = new Date(), locale?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  if (sameDay(date, now)) {
    return date.toLocaleTimeString(locale, { hour: 'numeric', minute: '2-digit' });
  }
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (sameDay(date, yesterday)) return 'Yesterday';
  const ageDays = (now.getTime() - date.getTime()) / 86_400_000;
  if (ageDays > 0 && ageDays < 6) return date.toLocaleDateString(locale, { weekday: 'short' });
  if (date.getFullYear() === now.getFullYear()) {
    return date.toLocaleDateString(locale, { day: 'numeric', month: 'short' });
  }
  return date.toLocaleDateString(locale, { day: 'numeric', month: 'short', year: 'numeric' });
}

/** Full date and time for the reading pane. */
export function fullTime(iso: string, locale?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}
