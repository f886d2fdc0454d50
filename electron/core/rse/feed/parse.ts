// From the bytes of an answer to a normalised feed, through feedsmith (Atom 1.0, RSS 0.9x
// and 2.0, RSS 1.0/RDF, JSON Feed 1.0/1.1, with the dc, content, sy, thr and wfw
// namespaces). Decoding is ours: feedsmith takes a string, and a feed whose bytes
// contradict its declared encoding must fail clearly rather than show mojibake.
import { DetectError, MalformedError, parseFeed, type AnyFeed } from 'feedsmith';
import { RseError } from '../errors';

export interface FeedEntry {
  /** guid / atom:id / JSON id; the link when a feed gives none (RSS allows that). */
  id: string;
  title: string | null;
  link: string | null;
  author: string | null;
  published: string | null; // ISO 8601 UTC
  updated: string | null;
  html: string;
  /** Atom threading (RFC 4685 §3): the id of the entry this one answers. */
  inReplyTo: string | null;
}

export interface ParsedFeed {
  format: AnyFeed['format'];
  title: string;
  /** What the feed asks for (RSS ttl, sy:updatePeriod / sy:updateFrequency), if anything. */
  intervalMs: number | null;
  entries: FeedEntry[];
}

/** The charset a document is in: BOM, then HTTP, then the XML declaration, then UTF-8. */
export function decodeBody(body: Uint8Array, contentType: string, what: string): string {
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  let label = 'utf-8';
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) label = 'utf-8';
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) label = 'utf-16be';
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) label = 'utf-16le';
  else {
    const http = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType)?.[1];
    const head = bytes.subarray(0, 200).toString('latin1');
    const declared = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/.exec(head)?.[1];
    label = http ?? declared ?? 'utf-8';
  }
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    throw new RseError('server', `${what}: unknown character encoding "${label}".`);
  }
  try {
    return decoder.decode(bytes);
  } catch {
    throw new RseError(
      'server',
      `${what}: the feed says it is ${label} but its bytes are not (wrong encoding declaration).`,
    );
  }
}

/**
 * An HTML page, even when a theme or a PHP notice puts something before <!DOCTYPE html>
 * (WordPress sites often do): an <html> element near the top and no feed root element.
 */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 4096);
  if (/^\s*(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html[\s>])/i.test(head)) return true;
  return /<html[\s>]/i.test(head) && !/<(rss|feed|rdf:RDF)[\s>]/.test(head);
}

const FEED_TYPES = /^application\/(atom\+xml|rss\+xml|rdf\+xml|feed\+json|json)$/i;

/** `<link rel="alternate" type="application/rss+xml" href>` of an HTML page. */
export function discoverFeeds(html: string, baseUrl: string): { url: string; title: string }[] {
  const found: { url: string; title: string }[] = [];
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const attr = (name: string) =>
      new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i')
        .exec(tag)
        ?.slice(1)
        .find((v) => v !== undefined);
    const rel = attr('rel')?.toLowerCase().split(/\s+/) ?? [];
    const type = attr('type') ?? '';
    const href = attr('href');
    if (!rel.includes('alternate') || !FEED_TYPES.test(type.trim()) || !href) continue;
    try {
      const url = new URL(decodeEntities(href), baseUrl).toString();
      if (!found.some((f) => f.url === url)) {
        found.push({ url, title: decodeEntities(attr('title') ?? '') || url });
      }
    } catch {
      // An unparsable href is skipped; the page's other feeds still count.
    }
  }
  return found;
}

/**
 * Feeds advertised in a Link header (rel="alternate" with a feed type), and WordPress's:
 * a site announcing its REST API (rel="https://api.w.org/") always serves its posts and
 * comments feeds at ?feed=rss2 and ?feed=comments-rss2, whatever its theme or permalinks,
 * even when the theme prints no <link rel="alternate">.
 */
export function linkHeaderFeeds(header: string | undefined, baseUrl: string) {
  const found: { url: string; title: string }[] = [];
  if (!header) return found;
  for (const [, href, params] of header.matchAll(/<([^>]*)>\s*((?:;[^,<]*)*)/g)) {
    const rel = /rel\s*=\s*"?([^";]+)/i.exec(params ?? '')?.[1] ?? '';
    const type = /type\s*=\s*"?([^";]+)/i.exec(params ?? '')?.[1] ?? '';
    if (rel.split(/\s+/).includes('alternate') && FEED_TYPES.test(type.trim()) && href) {
      found.push({ url: new URL(href, baseUrl).toString(), title: href });
    }
    if (rel === 'https://api.w.org/') {
      const site = new URL(baseUrl);
      site.search = '';
      site.hash = '';
      found.push({ url: `${site.toString()}?feed=rss2`, title: 'Posts' });
      found.push({ url: `${site.toString()}?feed=comments-rss2`, title: 'Comments' });
    }
  }
  return found;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

export function parseDocument(text: string, what: string): ParsedFeed {
  if (looksLikeHtml(text)) {
    throw new RseError('server', `${what}: an HTML page was served instead of a feed.`);
  }
  let parsed: AnyFeed;
  try {
    parsed = parseFeed(text);
  } catch (error) {
    if (error instanceof DetectError) {
      throw new RseError('server', `${what}: not an Atom, RSS or JSON feed.`);
    }
    if (error instanceof MalformedError) {
      throw new RseError('server', `${what}: the feed is not well-formed XML or JSON.`);
    }
    throw new RseError('server', `${what}: the feed could not be read.`);
  }
  return normalise(parsed);
}

const PERIODS: Record<string, number> = {
  hourly: 3_600_000,
  daily: 86_400_000,
  weekly: 7 * 86_400_000,
  monthly: 30 * 86_400_000,
  yearly: 365 * 86_400_000,
};

/** RSS ttl is in minutes; sy:updatePeriod is divided by sy:updateFrequency (default 1). */
export function intervalFrom(
  ttl: number | undefined,
  sy: { updatePeriod?: string; updateFrequency?: number } | undefined,
): number | null {
  if (ttl && ttl > 0) return ttl * 60_000;
  const period = sy?.updatePeriod ? PERIODS[sy.updatePeriod.trim().toLowerCase()] : undefined;
  if (!period) return null;
  const frequency = sy?.updateFrequency && sy.updateFrequency > 0 ? sy.updateFrequency : 1;
  return Math.round(period / frequency);
}

function iso(value: string | undefined): string | null {
  if (!value) return null;
  const time = Date.parse(value.trim());
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

function normalise(parsed: AnyFeed): ParsedFeed {
  switch (parsed.format) {
    case 'atom': {
      const feed = parsed.feed;
      return {
        format: 'atom',
        title: feed.title?.value ?? '',
        intervalMs: intervalFrom(undefined, feed.sy),
        entries: (feed.entries ?? []).map((e) => {
          const links = e.links ?? [];
          const link = links.find((l) => !l.rel || l.rel === 'alternate') ?? links[0];
          return {
            id: e.id ?? link?.href ?? '',
            title: e.title?.value ?? null,
            link: link?.href ?? null,
            author: e.authors?.[0]?.name ?? e.dc?.creators?.[0] ?? feed.authors?.[0]?.name ?? null,
            published: iso(e.published) ?? iso(e.updated),
            updated: iso(e.updated),
            html: atomHtml(e.content) ?? atomHtml(e.summary) ?? '',
            inReplyTo: e.thr?.inReplyTos?.[0]?.ref ?? null,
          };
        }),
      };
    }
    case 'rss':
    case 'rdf': {
      const feed = parsed.feed;
      const ttl = parsed.format === 'rss' ? parsed.feed.ttl : undefined;
      return {
        format: parsed.format,
        title: feed.title ?? '',
        intervalMs: intervalFrom(ttl, feed.sy),
        entries: (feed.items ?? []).map((item) => {
          const guid = 'guid' in item ? item.guid?.value : undefined;
          const pubDate = 'pubDate' in item ? item.pubDate : undefined;
          const authors = 'authors' in item ? item.authors : undefined;
          return {
            id: guid ?? ('rdf' in item ? item.rdf?.about : undefined) ?? item.link ?? '',
            title: item.title ?? null,
            link: item.link ?? null,
            author: item.dc?.creators?.[0] ?? authors?.[0]?.name ?? authors?.[0]?.email ?? null,
            published: iso(pubDate) ?? iso(item.dc?.dates?.[0]),
            updated: iso(item.atom?.updated) ?? iso(item.dcterms?.modified?.[0]),
            html: item.content?.encoded ?? item.description ?? '',
            inReplyTo: ('thr' in item ? item.thr?.inReplyTos?.[0]?.ref : undefined) ?? null,
          };
        }),
      };
    }
    case 'json': {
      const feed = parsed.feed;
      return {
        format: 'json',
        title: feed.title ?? '',
        intervalMs: null,
        entries: (feed.items ?? []).map((item) => ({
          id: item.id ?? item.url ?? '',
          title: item.title ?? null,
          link: item.url ?? item.external_url ?? null,
          author: item.authors?.[0]?.name ?? feed.authors?.[0]?.name ?? null,
          published: iso(item.date_published) ?? iso(item.date_modified),
          updated: iso(item.date_modified),
          html: item.content_html ?? escapeText(item.content_text ?? item.summary ?? ''),
          inReplyTo: null,
        })),
      };
    }
  }
}

function atomHtml(text: { value?: string; type?: string } | undefined): string | null {
  if (!text?.value) return null;
  return text.type === 'html' || text.type === 'xhtml' ? text.value : escapeText(text.value);
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
