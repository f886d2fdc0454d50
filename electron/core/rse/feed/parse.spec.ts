import { describe, expect, it } from 'vitest';
import { RseError } from '../errors';
import { mapEntries } from './mappers';
import { decodeBody, discoverFeeds, intervalFrom, parseDocument } from './parse';

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:thr="http://purl.org/syndication/thread/1.0">
  <id>urn:feed</id><title>Team log</title><updated>2026-03-02T10:00:00Z</updated>
  <entry><id>urn:p1</id><title>Release</title><link href="/p1"/>
    <published>2026-03-01T09:00:00Z</published><updated>2026-03-02T09:00:00Z</updated>
    <author><name>Ann</name></author><content type="html">&lt;p&gt;Out &lt;b&gt;now&lt;/b&gt;&lt;/p&gt;</content></entry>
  <entry><id>urn:c1</id><title>Re</title><updated>2026-03-01T10:00:00Z</updated>
    <thr:in-reply-to ref="urn:p1"/><author><name>Bob</name></author><summary>a &lt; b</summary></entry>
  <entry><id>urn:c2</id><title>Re re</title><updated>2026-03-01T11:00:00Z</updated>
    <thr:in-reply-to ref="urn:c1"/><summary>yes</summary></entry>
</feed>`;

const RSS2 = `<?xml version="1.0"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:sy="http://purl.org/rss/1.0/modules/syndication/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Blog</title><link>http://x/</link><description>d</description>
<sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>4</sy:updateFrequency>
<item><title>Hello</title><link>http://x/?p=1</link><guid isPermaLink="false">http://x/?p=1</guid>
<dc:creator><![CDATA[admin]]></dc:creator><pubDate>Mon, 02 Mar 2026 10:00:00 +0000</pubDate>
<description>short</description><content:encoded><![CDATA[<p>long</p>]]></content:encoded></item>
</channel></rss>`;

const COMMENTS = `<?xml version="1.0"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Comments</title>
<link>http://x/</link><description>d</description><ttl>30</ttl>
<item><title>Comment on Hello by Bob</title><link>http://x/?p=1#comment-7</link>
<guid isPermaLink="false">http://x/?p=1#comment-7</guid><dc:creator>Bob</dc:creator>
<pubDate>Mon, 02 Mar 2026 11:00:00 +0000</pubDate><description>Nice</description></item>
</channel></rss>`;

const RDF = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
  xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://x/"><title>Old news</title><link>http://x/</link><description>d</description></channel>
<item rdf:about="http://x/a"><title>A</title><link>http://x/a</link><description>aa</description>
<dc:creator>Carl</dc:creator><dc:date>2026-03-01T08:00:00Z</dc:date></item>
</rdf:RDF>`;

const JSON_FEED = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'Json',
  authors: [{ name: 'Dee' }],
  items: [
    { id: 'j1', url: 'http://x/j1', content_text: '1 < 2', date_published: '2026-03-01T07:00:00Z' },
  ],
});

describe('parseDocument', () => {
  it('reads Atom with content, dates and threading', () => {
    const feed = parseDocument(ATOM, 'f');
    expect(feed.format).toBe('atom');
    expect(feed.entries[0]).toMatchObject({
      id: 'urn:p1',
      title: 'Release',
      author: 'Ann',
      published: '2026-03-01T09:00:00.000Z',
      updated: '2026-03-02T09:00:00.000Z',
      html: '<p>Out <b>now</b></p>',
    });
    expect(feed.entries[1]).toMatchObject({ inReplyTo: 'urn:p1', html: 'a &lt; b' });
  });

  it('reads RSS 2.0, preferring content:encoded, and its sy:* schedule', () => {
    const feed = parseDocument(RSS2, 'f');
    expect(feed.intervalMs).toBe(15 * 60_000);
    expect(feed.entries[0]).toMatchObject({
      id: 'http://x/?p=1',
      author: 'admin',
      html: '<p>long</p>',
      published: '2026-03-02T10:00:00.000Z',
    });
    expect(parseDocument(COMMENTS, 'f').intervalMs).toBe(30 * 60_000);
  });

  it('reads RSS 1.0 (RDF) and JSON Feed 1.1', () => {
    expect(parseDocument(RDF, 'f').entries[0]).toMatchObject({
      id: 'http://x/a',
      author: 'Carl',
      published: '2026-03-01T08:00:00.000Z',
    });
    const json = parseDocument(JSON_FEED, 'f');
    expect(json.format).toBe('json');
    expect(json.entries[0]).toMatchObject({ id: 'j1', author: 'Dee', html: '1 &lt; 2' });
  });

  it('names HTML, malformed XML and non-feeds clearly', () => {
    const fail = (text: string) => {
      try {
        parseDocument(text, 'http://x/feed');
      } catch (error) {
        expect(error).toBeInstanceOf(RseError);
        return (error as Error).message;
      }
      throw new Error('parsed');
    };
    expect(fail('<!DOCTYPE html><html><body>Login</body></html>')).toMatch(/HTML page/);
    expect(fail(RSS2.slice(0, 400))).toMatch(/not well-formed/);
    expect(fail('<note><to>x</to></note>')).toMatch(/not an Atom, RSS or JSON feed/);
  });
});

describe('decodeBody', () => {
  const latin1 = (s: string) => Buffer.from(s, 'latin1');
  it('follows the XML declaration, HTTP charset and BOM', () => {
    const xml = '<?xml version="1.0" encoding="ISO-8859-1"?><a>Café</a>';
    expect(decodeBody(latin1(xml), 'application/xml', 'f')).toContain('Café');
    expect(decodeBody(latin1('<a>é</a>'), 'text/xml; charset=windows-1252', 'f')).toBe('<a>é</a>');
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<a>é</a>')]);
    expect(decodeBody(bom, 'text/xml; charset=iso-8859-1', 'f')).toBe('<a>é</a>');
  });
  it('refuses bytes that contradict the declared encoding', () => {
    const lie = latin1('<?xml version="1.0" encoding="UTF-8"?><a>Café</a>');
    expect(() => decodeBody(lie, 'application/xml', 'f')).toThrow(/wrong encoding declaration/);
    expect(() => decodeBody(lie, 'text/xml; charset=klingon', 'f')).toThrow(/unknown/);
  });
});

describe('discovery and schedule hints', () => {
  it('finds the feeds a page advertises, resolved against the page', () => {
    const html = `<html><head><link rel="alternate" type="application/rss+xml" title="Posts &amp; news" href="/?feed=rss2">
      <link rel='alternate' type='application/atom+xml' href='https://y/atom'>
      <link rel="stylesheet" href="/s.css"><link rel="alternate" hreflang="fr" href="/fr/"></head></html>`;
    expect(discoverFeeds(html, 'http://x/blog/')).toEqual([
      { url: 'http://x/?feed=rss2', title: 'Posts & news' },
      { url: 'https://y/atom', title: 'https://y/atom' },
    ]);
  });
  it('turns ttl and sy:updatePeriod into an interval', () => {
    expect(intervalFrom(60, undefined)).toBe(3_600_000);
    expect(intervalFrom(undefined, { updatePeriod: 'daily', updateFrequency: 2 })).toBe(43_200_000);
    expect(intervalFrom(undefined, { updatePeriod: 'sometimes' })).toBeNull();
  });
});

describe('mapEntries', () => {
  it('groups Atom replies and WordPress comment-feed items under their post', () => {
    const atom = parseDocument(ATOM, 'f').entries;
    const items = mapEntries(
      [{ feedUrl: 'http://x/atom', baseUrl: 'http://x/atom', entries: atom }],
      {},
      [],
    );
    expect(items.map((i) => [i.kind, i.remoteId, i.postRemoteId, i.parentRemoteId])).toEqual([
      ['post', 'urn:p1', null, null],
      ['comment', 'urn:c1', 'urn:p1', null],
      ['comment', 'urn:c2', 'urn:p1', 'urn:c1'],
    ]);
    expect(items[0]).toMatchObject({
      permalink: 'http://x/p1',
      editedAt: '2026-03-02T09:00:00.000Z',
    });

    // Posts read in an earlier sync: the persisted link index finds them.
    const index = {};
    mapEntries(
      [{ feedUrl: 'p', baseUrl: 'http://x/', entries: parseDocument(RSS2, 'f').entries }],
      index,
      [],
    );
    const later = mapEntries(
      [{ feedUrl: 'c', baseUrl: 'http://x/', entries: parseDocument(COMMENTS, 'f').entries }],
      index,
      ['http://x/?p=1'],
    );
    expect(later[0]).toMatchObject({
      kind: 'comment',
      postRemoteId: 'http://x/?p=1',
      author: { name: 'Bob' },
      title: null,
    });
  });
});
