// An RSE post made into an email for people who are not on the network (the reverse of
// conversion): title, author, date, space, the body as text and as HTML, the permalink,
// and the post's files as links (the network keeps them; links stay small and current).
import type { ComposeDraft } from '../../../shared/requests/compose';
import { htmlToText } from '../convert/html-to-markdown';
import type { RseItemRow } from '../db/rse-items';
import { prefixedSubject } from '../mail/smtp-compose';

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

export function forwardPostDraft(
  accountId: string,
  post: RseItemRow,
  spaceName: string | null,
): ComposeDraft {
  const title = post.title?.trim() || htmlToText(post.body_html).split('\n')[0]!.slice(0, 80);
  const links = attachmentLinks(post.body_html);
  const facts: [string, string][] = [
    ['Title', title],
    ['Author', post.author_name],
    ['Date', post.created_at],
    ...(spaceName ? ([['Space', spaceName]] as [string, string][]) : []),
    ...(post.permalink ? ([['Link', post.permalink]] as [string, string][]) : []),
  ];
  const text = [
    '',
    '',
    '---------- Forwarded post ----------',
    ...facts.map(([k, v]) => `${k}: ${v}`),
    '',
    htmlToText(post.body_html).trim(),
    ...(links.length ? ['', 'Attachments:', ...links.map((l) => `- ${l}`)] : []),
    '',
  ].join('\n');
  const html = [
    '<p><br></p>',
    '<div class="passerelle-forwarded-post">',
    '<p>---------- Forwarded post ----------<br>',
    facts
      .map(([k, v]) =>
        k === 'Link'
          ? `${k}: <a href="${escapeHtml(v)}">${escapeHtml(v)}</a>`
          : `${k}: ${escapeHtml(v)}`,
      )
      .join('<br>'),
    '</p>',
    `<blockquote>${post.body_html}</blockquote>`,
    links.length
      ? `<p>Attachments:</p><ul>${links
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
