// The few words Passerelle itself writes into outgoing mail: the reply attribution line
// and the headers of a forwarded message or post. They are written in the sender's
// language, like every mail client does, with dates in the sender's time zone. The core
// knows neither, so the window sends them along (a ReaderClock); without one: English, UTC.

/** The language and time zone of the person writing (BCP 47 tag, IANA zone). */
export interface ReaderClock {
  locale?: string;
  timeZone?: string;
}

/**
 * A full date and time for people ("Tuesday, 3 March 2026 at 09:15" / "mardi 3 mars 2026
 * à 09:15"). An unknown locale or zone falls back to English or UTC rather than failing.
 */
export function formatReaderDate(iso: string, clock: ReaderClock = {}): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const style = { dateStyle: 'full', timeStyle: 'short' } as const;
  for (const attempt of [clock, { locale: clock.locale }, {}] as ReaderClock[]) {
    try {
      return new Intl.DateTimeFormat(attempt.locale ?? 'en', {
        ...style,
        timeZone: attempt.timeZone ?? 'UTC',
      }).format(date);
    } catch {
      // RangeError: an unsupported locale or time zone; try the next, plainer option.
    }
  }
  return iso;
}

export interface OutgoingWords {
  wrote: (date: string, who: string) => string;
  /** "Label: value" (the French colon takes its space). */
  line: (label: string, value: string) => string;
  forwardedMessage: string;
  forwardedPost: string;
  from: string;
  to: string;
  date: string;
  subject: string;
  title: string;
  author: string;
  space: string;
  link: string;
  attachments: string;
}

const ENGLISH: OutgoingWords = {
  wrote: (date, who) => `On ${date}, ${who} wrote:`,
  line: (label, value) => `${label}: ${value}`,
  forwardedMessage: '---------- Forwarded message ----------',
  forwardedPost: '---------- Forwarded post ----------',
  from: 'From',
  to: 'To',
  date: 'Date',
  subject: 'Subject',
  title: 'Title',
  author: 'Author',
  space: 'Space',
  link: 'Link',
  attachments: 'Attachments',
};

// French typography: a narrow no-break space before the colon, as French clients write.
const FRENCH: OutgoingWords = {
  wrote: (date, who) => `Le ${date}, ${who} a écrit\u202f:`,
  line: (label, value) => `${label}\u202f: ${value}`,
  forwardedMessage: '---------- Message transféré ----------',
  forwardedPost: '---------- Publication transférée ----------',
  from: 'De',
  to: 'À',
  date: 'Date',
  subject: 'Objet',
  title: 'Titre',
  author: 'Auteur',
  space: 'Espace',
  link: 'Lien',
  attachments: 'Pièces jointes',
};

export function outgoingWords(clock: ReaderClock = {}): OutgoingWords {
  return clock.locale?.toLowerCase().startsWith('fr') ? FRENCH : ENGLISH;
}
