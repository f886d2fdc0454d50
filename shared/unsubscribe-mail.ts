// The message a List-Unsubscribe mailto: URI asks for (RFC 6068: the address, subject and
// body): sent by the core (mail.unsubscribe), named by the window before it asks.

export interface UnsubscribeMail {
  to: string;
  subject: string;
  text: string;
}

/** The message a mailto: URI describes; "unsubscribe" when it names no subject. */
export function unsubscribeMail(mailto: string): UnsubscribeMail {
  const url = new URL(mailto);
  // RFC 6068 allows several addresses, comma-separated: the first is enough to leave.
  const to = decodeURIComponent(url.pathname).split(',')[0]!.trim();
  return {
    to,
    subject: url.searchParams.get('subject')?.trim() || 'unsubscribe',
    text: url.searchParams.get('body') ?? '',
  };
}
