// The feed connector against a local HTTP server that misbehaves the ways real feeds do:
// conditional GET, Retry-After, a 50 MB answer, a redirect loop, HTML, wrong encodings.
// One sync reads them all; the good feeds' items arrive and each broken one says why.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cursors } from '../../electron/core/rse/connector';
import { FeedConnector, FEED_NO_SECRET } from '../../electron/core/rse/feed/connector';
import { readState } from '../../electron/core/rse/feed/schedule';

const RSS = (items: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>Ops</title>
<link>http://x/</link><description>d</description>${items}</channel></rss>`;
const item = (id: string, title: string) =>
  `<item><guid>${id}</guid><title>${title}</title><description>${title} body</description></item>`;
const ATOM = `<feed xmlns="http://www.w3.org/2005/Atom"><id>a</id><title>Atom</title>
<updated>2026-03-01T00:00:00Z</updated><entry><id>urn:a1</id><title>Atom one</title>
<updated>2026-03-01T00:00:00Z</updated><summary>x</summary></entry></feed>`;

let server: Server;
let base: string;
const hits: Record<string, number> = {};
const auth: string[] = [];
let hugeSent = 0;
let rssItems = item('g1', 'First') + item('g2', 'Second');

function send(res: ServerResponse, type: string, body: string | Buffer, headers = {}) {
  res.writeHead(200, { 'content-type': type, ...headers });
  res.end(body);
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    hits[path] = (hits[path] ?? 0) + 1;
    auth.push(req.headers.authorization ?? '');
    if (path === '/rss') {
      const etag = `"${Buffer.from(rssItems).length}"`;
      if (req.headers['if-none-match'] === etag) return void res.writeHead(304).end();
      return send(res, 'application/rss+xml', RSS(rssItems), { etag });
    }
    if (path === '/atom') return send(res, 'application/atom+xml', ATOM);
    if (path === '/site') {
      return send(
        res,
        'text/html',
        `<html><head><link rel="alternate" type="application/rss+xml" title="Ops" href="/rss">
         <link rel="alternate" type="application/atom+xml" href="/atom"></head></html>`,
      );
    }
    if (path === '/html') return send(res, 'text/html', '<!doctype html><html>Sign in</html>');
    if (path === '/invalid') return send(res, 'application/xml', RSS(item('x', 'a')).slice(0, 150));
    if (path === '/latin1') {
      const xml = `<?xml version="1.0" encoding="UTF-8"?>${RSS(item('l1', 'Café'))}`;
      return send(res, 'application/xml', Buffer.from(xml, 'latin1'));
    }
    if (path === '/loop-a' || path === '/loop-b') {
      res.writeHead(302, { location: path === '/loop-a' ? '/loop-b' : '/loop-a' });
      return void res.end();
    }
    if (path === '/limited') {
      res.writeHead(429, { 'retry-after': '120' });
      return void res.end();
    }
    if (path === '/huge') {
      // 50 MB, chunked (no Content-Length), honouring backpressure like a real server.
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let closed = false;
      res.on('close', () => (closed = true));
      const pump = () => {
        while (!closed && hugeSent < 50 * 1024 * 1024) {
          hugeSent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        if (!closed) res.end();
      };
      return pump();
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const connector = (now: () => number, user?: string) =>
  new FeedConnector(
    { url: `${base}/site`, ...(user ? { user } : {}), secret: user ? 'pw' : FEED_NO_SECRET },
    { now },
  );
const spaces = (...paths: string[]) => paths.map((p) => ({ remoteId: `${base}${p}`, name: p }));
const read = (c: FeedConnector, cursors: Cursors, ...paths: string[]) =>
  c.readActivity({ spaces: spaces(...paths), cursors, knownPostIds: [], since: new Date(0) });

describe('feed connector against a local server', () => {
  it('discovers the feeds a site advertises', async () => {
    expect(await connector(Date.now).listSpaces()).toEqual([
      { remoteId: `${base}/rss`, name: 'Ops' },
      { remoteId: `${base}/atom`, name: `${base}/atom` },
    ]);
  });

  it('keeps reading good feeds when others are broken, and says why each failed', async () => {
    const broken = ['/html', '/invalid', '/latin1', '/loop-a', '/limited', '/huge', '/gone'];
    const batch = await read(connector(Date.now), {}, '/rss', ...broken, '/atom');
    expect(batch.items.map((i) => i.title).sort()).toEqual(['Atom one', 'First', 'Second']);
    const error = (p: string) => readState(batch.cursors, `${base}${p}`).error;
    expect(error('/html')).toMatch(/HTML page was served instead of a feed/);
    expect(error('/invalid')).toMatch(/not well-formed/);
    expect(error('/latin1')).toMatch(/wrong encoding declaration/);
    expect(error('/loop-a')).toMatch(/redirect loop/);
    expect(error('/limited')).toMatch(/rate limited/);
    expect(error('/huge')).toMatch(/larger than 10 MB/);
    expect(error('/gone')).toMatch(/not found/);
    expect(readState(batch.cursors, `${base}/rss`).error).toBeUndefined();
    // The cap stopped the download: far less than 50 MB left the server.
    expect(hugeSent).toBeLessThan(20 * 1024 * 1024);
  });

  it('honours 304, Retry-After and its schedule; an edit updates the same item', async () => {
    let now = Date.parse('2026-03-01T00:00:00Z');
    const c = connector(() => now);
    const first = await read(c, {}, '/rss', '/limited');
    expect(first.items).toHaveLength(2);
    const limited = readState(first.cursors, `${base}/limited`);
    expect(Date.parse(limited.nextAt!) - now).toBeGreaterThanOrEqual(120_000);

    // Not due yet: nothing is requested at all.
    const before = { rss: hits['/rss'], limited: hits['/limited'] };
    now += 1_000;
    expect((await read(c, first.cursors, '/rss', '/limited')).items).toEqual([]);
    expect([hits['/rss'], hits['/limited']]).toEqual([before.rss, before.limited]);

    // Due (the default interval) but unchanged: a 304, no items, validators kept.
    now += 20 * 60_000;
    const second = await read(c, first.cursors, '/rss');
    expect(second.items).toEqual([]);
    expect(hits['/rss']).toBe(before.rss! + 1);
    expect(readState(second.cursors, `${base}/rss`).etag).toBeTruthy();

    // Reordered and edited: the same ids, the new text.
    rssItems = item('g2', 'Second') + item('g1', 'First, edited');
    now += 20 * 60_000;
    const third = await read(c, second.cursors, '/rss');
    expect(third.items.map((i) => [i.remoteId, i.title])).toEqual([
      ['g2', 'Second'],
      ['g1', 'First, edited'],
    ]);
  });

  it('reports an account whose every feed fails, and sends credentials to its origin only', async () => {
    await expect(read(connector(Date.now, 'ann'), {}, '/html', '/gone')).rejects.toThrow(
      /HTML page.*not found/,
    );
    expect(auth.at(-1)).toBe(`Basic ${Buffer.from('ann:pw').toString('base64')}`);
  });
});
