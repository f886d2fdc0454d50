// Browser mode answers only its own page: no token, no content; a WebSocket from another
// Origin (or a page on another origin) cannot reach the core, even on loopback.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startAppServer, type AppServer } from '../harness/app-server';
import { useBrowser } from '../harness/browser';

const browser = useBrowser();
let app: AppServer;
let otherSite: Server;
let otherOrigin: string;

beforeAll(async () => {
  app = await startAppServer();
  // A page on another loopback origin, standing in for any web site the user visits.
  otherSite = createServer((_req, res) => {
    res
      .writeHead(200, { 'Content-Type': 'text/html' })
      .end('<!doctype html><title>elsewhere</title>');
  });
  await new Promise<void>((resolve) => otherSite.listen(0, '127.0.0.1', resolve));
  otherOrigin = `http://127.0.0.1:${(otherSite.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await app?.stop();
  await new Promise((resolve) => otherSite?.close(resolve));
});

const wsUrl = () => `${app.origin.replace('http:', 'ws:')}/ws`;

/** Opens a socket and reports what happened: 'open' or the HTTP status of the refusal. */
function tryWebSocket(url: string, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_req, res) => {
      resolve(String(res.statusCode));
      res.resume();
      ws.terminate();
    });
    ws.on('error', (error) => resolve(`error: ${error.message}`));
  });
}

describe('browser-mode access control', () => {
  it('refuses HTTP requests without the token or with a wrong one', async () => {
    const bare = await fetch(`${app.origin}/`, { redirect: 'manual' });
    expect(bare.status).toBe(401);
    expect(await bare.text()).not.toContain('<script');
    const wrong = await fetch(`${app.origin}/?token=${'x'.repeat(app.token.length)}`, {
      redirect: 'manual',
    });
    expect(wrong.status).toBe(401);
    const assets = await fetch(`${app.origin}/index.html`, { redirect: 'manual' });
    expect(assets.status).toBe(401);
    // Control: the printed URL works, which is what makes the refusals above meaningful.
    const good = await fetch(app.url, { redirect: 'manual' });
    expect(good.status).toBe(303);
    expect(good.headers.get('set-cookie')).toMatch(/HttpOnly/i);
  });

  it('refuses a WebSocket without the token or from another Origin', async () => {
    const cookie = (await fetch(app.url, { redirect: 'manual' })).headers
      .get('set-cookie')!
      .split(';')[0]!;
    expect(await tryWebSocket(wsUrl(), { Origin: app.origin })).toBe('401');
    expect(await tryWebSocket(wsUrl(), { Origin: otherOrigin, Cookie: cookie })).toBe('403');
    expect(
      await tryWebSocket(`${wsUrl()}?token=${app.token}`, { Origin: 'http://evil.example' }),
    ).toBe('403');
    expect(await tryWebSocket(wsUrl(), { Cookie: cookie })).toBe('403');
    expect(await tryWebSocket(wsUrl(), { Origin: app.origin, Cookie: cookie })).toBe('open');
  });

  it('keeps a page on another origin from talking to the core, while our page does', async () => {
    const { page } = await browser.newPage();
    await page.goto(app.url);
    await page.getByTestId('empty-state').waitFor();

    await page.goto(otherOrigin);
    const attempt = (url: string) => `new Promise((resolve) => {
      const ws = new WebSocket(${JSON.stringify(url)});
      ws.onopen = () => resolve('open');
      ws.onclose = () => resolve('refused');
    })`;
    // What a hostile page can do: its request carries no cookie (SameSite=Strict)...
    expect(await page.evaluate(attempt(wsUrl()))).toBe('refused');
    // ...and even knowing the token, the browser-set Origin gives it away.
    expect(await page.evaluate(attempt(`${wsUrl()}?token=${app.token}`))).toBe('refused');
    // Control: from our own origin the same socket opens.
    await page.goto(app.origin);
    await page.getByTestId('empty-state').waitFor();
    expect(await page.evaluate(attempt(wsUrl()))).toBe('open');
  });
});
