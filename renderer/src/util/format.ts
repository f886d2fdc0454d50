// Display helpers for addresses, times and sizes; plain functions so they are easy to
// test. Dates and numbers follow the window's language (the i18n layer's locale), in the
// user's own regional variant of it when the browser names one (fr-CA, en-GB).
import { safeDisplayName } from '../../../shared/address-display';
import type { Address } from '../../../shared/domain';
import { i18n, pickLocale, t } from '../i18n';

/** The BCP 47 tag Intl formats with: the first preferred language of the UI's language. */
export function formattingLocale(
  preferred: readonly string[] = typeof navigator === 'undefined' ? [] : navigator.languages,
): string {
  const language = i18n.global.locale.value;
  return preferred.find((tag) => tag.toLowerCase().split('-')[0] === language) ?? language;
}

// Names are made safe when mail is stored; checking again here covers older profiles.
export function senderName(from: Address | null | undefined): string {
  if (!from) return t('format.unknownSender');
  return safeDisplayName(from.name, from.address) || from.address;
}

/**
 * The letter on a sender's avatar: the first letter or digit of the name shown, so
 * '"Ada"' gives A, and never a bracket of "(unknown sender)" or half an emoji.
 */
export function senderInitial(from: Address | null | undefined): string {
  const letter = from ? /[\p{L}\p{N}]/u.exec(senderName(from))?.[0] : undefined;
  return letter?.toLocaleUpperCase() ?? '?';
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

/** "Yesterday", "Hier": Intl knows the word; a list row starts with it, so capitalised. */
function yesterdayIn(locale: string): string {
  const word = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(-1, 'day');
  return word.charAt(0).toLocaleUpperCase(locale) + word.slice(1);
}

/** Compact time for a list row: the time today, "Yesterday", the day this week, else a date. */
export function listTime(
  iso: string,
  now: Date = new Date(),
  locale: string = formattingLocale(),
): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  if (sameDay(date, now)) {
    return date.toLocaleTimeString(locale, { hour: 'numeric', minute: '2-digit' });
  }
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (sameDay(date, yesterday)) return yesterdayIn(locale);
  const ageDays = (now.getTime() - date.getTime()) / 86_400_000;
  if (ageDays > 0 && ageDays < 6) return date.toLocaleDateString(locale, { weekday: 'short' });
  if (date.getFullYear() === now.getFullYear()) {
    return date.toLocaleDateString(locale, { day: 'numeric', month: 'short' });
  }
  return date.toLocaleDateString(locale, { day: 'numeric', month: 'short', year: 'numeric' });
}

/** Full date and time for the reading pane. */
export function fullTime(iso: string, locale: string = formattingLocale()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

/** An attachment's size: "3 KB", "1.5 MB" ("3 Ko", "1,5 Mo" in French). */
export function fileSize(bytes: number, locale: string = formattingLocale()): string {
  const options = { locale: pickLocale([locale]) };
  const n = (value: number, digits: number) =>
    value.toLocaleString(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits });
  if (bytes < 1024) return t('format.size.bytes', { n: n(bytes, 0) }, options);
  if (bytes < 1024 * 1024) {
    return t('format.size.kilobytes', { n: n(bytes / 1024, 0) }, options);
  }
  return t('format.size.megabytes', { n: n(bytes / 1024 / 1024, 1) }, options);
}
