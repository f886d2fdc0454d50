// The words of notifications, in the user's language. Unlike other core texts, which the
// window translates, notifications are also shown by the desktop shell without it, so the
// core words them itself: the window tells it the language (settings.setLocale, kept in
// notify_settings) and every notification is written in it, English when unknown.

export interface NotifyTexts {
  unknownSender: string;
  noSubject: string;
  /** A new post: "Ada in #design". */
  authorIn: (author: string, where: string) => string;
  /** A comment: "Ada on Launch plan". */
  authorOn: (author: string, post: string) => string;
  aPost: string;
  /** A summary's title: "5 new in Work". */
  newIn: (count: number, source: string) => string;
  /** A summary's last line: "and 2 more". */
  andMore: (count: number) => string;
  /** "Label: value", the French colon taking its no-break space. */
  line: (label: string, value: string) => string;
  markRead: string;
  archive: string;
}

const en: NotifyTexts = {
  unknownSender: '(unknown sender)',
  noSubject: '(no subject)',
  authorIn: (author, where) => `${author} in ${where}`,
  authorOn: (author, post) => `${author} on ${post}`,
  aPost: 'a post',
  newIn: (count, source) => `${count} new in ${source}`,
  andMore: (count) => `and ${count} more`,
  line: (label, value) => `${label}: ${value}`,
  markRead: 'Mark read',
  archive: 'Archive',
};

const fr: NotifyTexts = {
  unknownSender: '(expéditeur inconnu)',
  noSubject: '(sans objet)',
  authorIn: (author, where) => `${author} dans ${where}`,
  authorOn: (author, post) => `${author} sur ${post}`,
  aPost: 'une publication',
  // French counts 0 and 1 as singular.
  newIn: (count, source) => `${count} ${count < 2 ? 'nouveau' : 'nouveaux'} dans ${source}`,
  andMore: (count) => `et ${count} de plus`,
  line: (label, value) => `${label}\u00a0: ${value}`,
  markRead: 'Marquer comme lu',
  archive: 'Archiver',
};

export const NOTIFY_LOCALES = { en, fr } as const;
export type NotifyLocale = keyof typeof NOTIFY_LOCALES;

/** The texts for a BCP 47 tag ("fr-CA" → French); English for a language we do not ship. */
export function notifyTexts(locale: string | null | undefined): NotifyTexts {
  const base = (locale ?? '').toLowerCase().split('-')[0] as NotifyLocale;
  return Object.hasOwn(NOTIFY_LOCALES, base) ? NOTIFY_LOCALES[base] : en;
}
