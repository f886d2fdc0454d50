// Keeps only what each message adds to the thread. Quoted replies and signatures are
// found by email-reply-parser (a maintained port of GitHub's EmailReplyParser, with the
// French, German, Outlook "From: … <addr>" and "-----Original Message-----" headers);
// HTML quote containers arrive as QUOTE_MARK from html-to-markdown.ts. What is stripped
// is returned, not discarded, so the body can keep it folded.
import EmailReplyParser from 'email-reply-parser';
import { QUOTE_MARK } from './html-to-markdown';

export interface StrippedText {
  /** The message's own words. Never empty when the input was not. */
  visible: string;
  /** Quoted replies and signatures, in their original order; '' when none. */
  hidden: string;
}

// A forward's content is the point of the message: it stays visible, unlike a quote.
// Gmail, Apple Mail, Thunderbird and Outlook markers in English, French and German.
const FORWARD_MARKERS = [
  /^-{2,}\s*Forwarded message\s*-{2,}\s*$/imu,
  /^Begin forwarded message\s*:\s*$/imu,
  /^-{2,}\s*(?:Message transféré|Message d'origine transféré)\s*-{2,}\s*$/imu,
  /^Début du message (?:réexpédié|transféré)\s*:\s*$/imu,
  /^-{2,}\s*Weitergeleitete Nachricht\s*-{2,}\s*$/imu,
  /^Anfang der weitergeleiteten Nachricht\s*:\s*$/imu,
];

const QUOTE_MARKS = new RegExp(`\\n*${QUOTE_MARK}\\n*`, 'gu');

function tidy(text: string): string {
  return text
    .replace(/[ \t]+$/gmu, '')
    .replace(/\n{3,}/gu, '\n\n')
    .trim();
}

function withoutMarks(text: string): string {
  return tidy(text.replace(QUOTE_MARKS, '\n\n'));
}

function firstForward(text: string): number {
  let first = -1;
  for (const marker of FORWARD_MARKERS) {
    const match = marker.exec(text);
    if (match && (first < 0 || match.index < first)) first = match.index;
  }
  return first;
}

function parseReply(text: string): StrippedText {
  const email = new EmailReplyParser().read(text);
  const visible: string[] = [];
  const hidden: string[] = [];
  for (const fragment of email.getFragments()) {
    (fragment.isHidden() ? hidden : visible).push(fragment.getContent());
  }
  return { visible: tidy(visible.join('\n')), hidden: tidy(hidden.join('\n')) };
}

/** Splits one message body (plain text or Markdown) into its new text and the rest. */
export function stripQuotes(body: string): StrippedText {
  const text = body.replace(/\r\n?/gu, '\n');
  const everything = withoutMarks(text);
  if (!everything) return { visible: '', hidden: '' };

  const forward = firstForward(text);
  if (forward >= 0) {
    // "FYI, see below" + the forwarded message: strip only the note above it.
    const note = forward > 0 ? parseReply(withoutMarks(text.slice(0, forward))) : null;
    const forwarded = withoutMarks(text.slice(forward));
    return {
      visible: tidy([note?.visible ?? '', forwarded].join('\n\n')),
      hidden: note?.hidden ?? '',
    };
  }

  const mark = text.indexOf(QUOTE_MARK);
  const head = mark >= 0 ? text.slice(0, mark) : text;
  const tail = mark >= 0 ? withoutMarks(text.slice(mark)) : '';
  const parsed = parseReply(tidy(head));
  const hidden = tidy([parsed.hidden, tail].filter(Boolean).join('\n\n'));
  // A message that is nothing but quotes (a bare forward, a top-quote) keeps it all.
  if (!parsed.visible) return { visible: everything, hidden: '' };
  return { visible: parsed.visible, hidden };
}
