// Small text helpers the connectors need at the network boundary: the timeline stores
// HTML, while Mattermost, Zulip, Discourse and Mastodon speak Markdown or plain text.
import { htmlToMarkdown } from '../convert/html-to-markdown';
import type { PostBody } from './connector';

/** The body as Markdown for Mattermost, Zulip and Discourse (bold, lists, links, quotes kept). */
export function markdownBody(body: PostBody): string {
  return body.networkMarkup ? body.bodyHtml : htmlToMarkdown(body.bodyHtml);
}

/** The body as plain text, for networks without markup (Mastodon). */
export function plainTextBody(body: PostBody): string {
  return body.networkMarkup ? body.bodyHtml : htmlToText(body.bodyHtml);
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/**
 * Plain or Markdown text as safe HTML: escaped, paragraphs on blank lines, line breaks
 * kept, bare URLs linked. Rendering full Markdown is the UI's job; escaping is ours.
 */
export function textToHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .filter((paragraph) => paragraph.trim().length > 0)
    .map((paragraph) => {
      const linked = escapeHtml(paragraph).replace(
        /\bhttps?:\/\/[^\s<]+[^\s<.,;:!?)]/g,
        (url) => `<a href="${url}">${url}</a>`,
      );
      return `<p>${linked.replace(/\n/g, '<br />')}</p>`;
    })
    .join('\n');
}

/** What we send: the network renders Markdown/text, so markup becomes readable text. */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/(p|div|h[1-6]|blockquote|pre|ul|ol)>/gi, '\n\n')
      .replace(/<li[^>]*>/gi, '- ')
      .replace(/<\/li>/gi, '\n')
      .replace(/<a\s[^>]*href="([^"]*)"[^>]*>(.*?)<\/a>/gi, (_, href: string, label: string) =>
        label === href ? href : `${label} (${href})`,
      )
      .replace(/<[^>]+>/g, ''),
  )
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/&amp;/g, '&');
}

/**
 * An ISO time from whatever the server sent (ISO text, or epoch ms/s as given by
 * `unit`). A value that is not a time (an undocumented or placeholder answer) falls back
 * to `fallback`, the time we observed the item, rather than dropping it.
 */
export function toIso(value: unknown, fallback: string, unit: 'ms' | 's' = 'ms'): string {
  let time = Number.NaN;
  if (typeof value === 'number') time = unit === 's' ? value * 1000 : value;
  else if (typeof value === 'string' && value.length > 0) time = Date.parse(value);
  const date = new Date(time);
  return Number.isNaN(date.getTime()) || time <= 0 ? fallback : date.toISOString();
}

export interface FilePart {
  field: string;
  filename: string;
  contentType: string;
  data: Uint8Array;
}

/** A multipart/form-data body as bytes, so it goes through the shared HttpClient. */
export async function multipart(
  fields: Record<string, string>,
  files: FilePart[],
): Promise<{ body: Uint8Array; contentType: string }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const file of files) {
    form.append(file.field, new Blob([file.data], { type: file.contentType }), file.filename);
  }
  const request = new Request('http://multipart.invalid/', { method: 'POST', body: form });
  const contentType = request.headers.get('content-type') ?? 'multipart/form-data';
  return { body: new Uint8Array(await request.arrayBuffer()), contentType };
}
