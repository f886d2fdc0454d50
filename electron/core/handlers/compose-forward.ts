// An RSE post made into an email for people who are not on the network (the reverse of
// conversion): title, author, date, space, the body as text and as HTML, the permalink,
// and the post's files as links (the network keeps them; links stay small and current).
import type { ComposeDraft } from '../../../shared/requests/compose';
import { htmlToText } from '../convert/html-to-markdown';
import type { RseItemRow } from '../db/rse-items';
import { formatReaderDate, outgoingWords, type ReaderClock } from '../mail/outgoing-text';
import { prefixedSubject } from '../mail/smtp-compose';

export type { ReaderClock } from '../mail/outgoing-text';

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** Images and linked files of the body (uploads), listed once each as absolute URLs. */
export function attachmentLinks(html: string): string[] {
  const found = new Set<string>();
  for (const m of html.matchAll(/<img\b[^>]*?\bsrc\s*=\s*["']([^"']+)["']/gi)) found.add(m[1]!);
  for (const m of html.matchAll(/<a\b[^>]*?\bhref\s*=\s*["']([^"']+)["']/gi)) {
    if (/\/(uploads|files?|attachments?)\//i.test(m[1]!)) found.add(m[1]!);
  }
  return [...found].filter((url) => /^https?:\/\//i.test(url));
}

/** The post's date for people, in the reader's language and time zone. */
export function formatPostDate(iso: string, clock: ReaderClock = {}): string {
  return formatReaderDate(iso, clock);
}

export function forwardPostDraft(
  accountId: string,
  post: RseItemRow,
  spaceName: string | null,
  clock: ReaderClock = {},
): ComposeDraft {
  const title = post.title?.trim() || htmlToText(post.body_html).split('\n')[0]!.slice(0, 80);
  const links = attachmentLinks(post.body_html);
  const words = outgoingWords(clock);
  // [label, value, is a link]
  const facts: [string, string, boolean][] = [
    [words.title, title, false],
    [words.author, post.author_name, false],
    [words.date, formatPostDate(post.created_at, clock), false],
    ...(spaceName ? ([[words.space, spaceName, false]] as [string, string, boolean][]) : []),
    ...(post.permalink
      ? ([[words.link, post.permalink, true]] as [string, string, boolean][])
      : []),
  ];
  const text = [
    '',
    '',
    words.forwardedPost,
    ...facts.map(([label, value]) => words.line(label, value)),
    '',
    htmlToText(post.body_html).trim(),
    ...(links.length ? ['', words.line(words.attachments, ''), ...links.map((l) => `- ${l}`)] : []),
    '',
  ].join('\n');
  const html = [
    // An empty first paragraph: where the user's note goes, above the forwarded post.
    '<p></p>',
    '<div class="passerelle-forwarded-post">',
    `<p>${escapeHtml(words.forwardedPost)}<br>`,
    facts
      .map(([label, value, isLink]) =>
        words.line(
          escapeHtml(label),
          isLink ? `<a href="${escapeHtml(value)}">${escapeHtml(value)}</a>` : escapeHtml(value),
        ),
      )
      .join('<br>'),
    '</p>',
    `<blockquote>${post.body_html}</blockquote>`,
    links.length
      ? `<p>${escapeHtml(words.line(words.attachments, '').trim())}</p><ul>${links
          .map((l) => `<li><a href="${escapeHtml(l)}">${escapeHtml(l)}</a></li>`)
          .join('')}</ul>`
      : '',
    '</div>',
  ].join('\n');
  return {
    accountId,
    to: [],
    cc: [],
    subject: prefixedSubject(title, 'Fwd'),
    inReplyTo: null,
    references: [],
    text,
    html,
  };
}
