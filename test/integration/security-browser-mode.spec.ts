// Browser mode over real HTTP and WebSocket, against `passerelle serve` as a child process:
// it refuses to listen beyond loopback, refuses a foreign Host (DNS rebinding) even with
// the right token, keeps the token in an HttpOnly SameSite=Strict cookie and out of what
// it serves, answers bad WebSocket traffic with clean errors and survives an oversized
// message, and never serves a file outside the built renderer.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { readStaticFile } from '../../electron/server/static-files';
import { CLI, startAppServer, type AppServer } from '../harness/app-server';

const run = promisify(execFile);
let app: AppServer;
let cookie: string;

beforeAll(async () => {
  app = await startAppServer();
  const first = await fetch(app.url, { redirect: 'manual' });
  cookie = first.headers.get('set-cookie')!.split(';')[0]!;
});

afterAll(async () => {
  await app?.stop();
});

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** An HTTP request sent exactly as written: no URL normalisation, any Host header. */
function raw(path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  const { port } = new URL(app.origin);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: Number(port), path, method: 'GET', headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

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

async function openSocket(): Promise<WebSocket> {
  const ws = new WebSocket(wsUrl(), { headers: { Origin: app.origin, Cookie: cookie } });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return ws;
}

/** Sends one request frame and waits for the response with that id. */
function ask(ws: WebSocket, id: number, frame: unknown): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer to ${id}`)), 10_000);
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString()) as Record<string, unknown>;
      if (message.type !== 'response' || message.id !== id) return;
      clearTimeout(timer);
      ws.off('message', onMessage);
      resolve(message);
    };
    ws.on('message', onMessage);
    ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  });
}

/** The server still does its job: HTTP answers and a fresh socket gets a real outcome. */
async function expectServerAlive() {
  expect((await raw('/', { Host: new URL(app.origin).host, Cookie: cookie })).status).toBe(200);
  const ws = await openSocket();
  const reply = await ask(ws, 999, { type: 'request', id: 999, name: 'accounts.list', params: {} });
  expect(reply.outcome).toEqual({ ok: true, value: [] });
  ws.close();
}

describe('browser mode: loopback only', () => {
  it.each(['0.0.0.0', '::', '10.1.2.3', 'example.com'])(
    'refuses `serve --host %s` with a clear message, before listening',
    async (host) => {
      const profile = mkdtempSync(join(tmpdir(), 'passerelle-serve-host-'));
      try {
        const result = await run(
          process.execPath,
          [CLI, '--profile', profile, 'serve', '--host', host, '--port', '0'],
          { timeout: 30_000 },
        ).then(
          (r) => ({ code: 0, ...r }),
          (e: { code: number; stdout: string; stderr: string }) => e,
        );
        expect(result.code).not.toBe(0);
        expect(result.stdout).not.toMatch(/http:\/\//);
        expect(result.stderr).toContain('loopback');
        expect(result.stderr).toContain(host);
        expect(result.stderr).not.toContain('unexpected error');
        expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
        // Refused before the profile was even opened (no account started syncing).
        expect(readdirSync(profile)).toEqual([]);
      } finally {
        rmSync(profile, { recursive: true, force: true });
      }
    },
    40_000,
  );
});

describe('browser mode: DNS rebinding', () => {
  it('refuses HTTP with a foreign Host header even with a valid token', async () => {
    const appPort = new URL(app.origin).port;
    for (const host of [
      `evil.example:${appPort}`,
      'evil.example',
      `127.0.0.1.evil.example:${appPort}`,
      `127.0.0.1:${Number(appPort) + 1}`,
      '127.0.0.1',
    ]) {
      const withQuery = await raw(`/?token=${app.token}`, { Host: host });
      expect(withQuery.status, host).toBe(403);
      expect(withQuery.headers['set-cookie'], host).toBeUndefined();
      const withCookie = await raw('/', { Host: host, Cookie: cookie });
      expect(withCookie.status, host).toBe(403);
      expect(withCookie.body).not.toContain('<script');
      const bearer = await raw('/index.html', {
        Host: host,
        Authorization: `Bearer ${app.token}`,
      });
      expect(bearer.status, host).toBe(403);
    }
    // Control: the same requests with our own Host succeed.
    expect((await raw('/', { Host: `127.0.0.1:${appPort}`, Cookie: cookie })).status).toBe(200);
    expect((await raw('/', { Host: `localhost:${appPort}`, Cookie: cookie })).status).toBe(200);
  });

  it('refuses the WebSocket upgrade with a foreign Host header even with a valid token', async () => {
    const appPort = new URL(app.origin).port;
    const rebound = `http://evil.example:${appPort}`;
    // What a rebound page sends: its own Host and Origin, plus (if it knew it) the token.
    expect(
      await tryWebSocket(`${wsUrl()}?token=${app.token}`, {
        Host: `evil.example:${appPort}`,
        Origin: rebound,
      }),
    ).toBe('403');
    // Even with our Origin and the cookie, a foreign Host is refused.
    expect(
      await tryWebSocket(wsUrl(), {
        Host: `evil.example:${appPort}`,
        Origin: app.origin,
        Cookie: cookie,
      }),
    ).toBe('403');
    expect(
      await tryWebSocket(`${wsUrl()}?token=${app.token}`, {
        Host: `evil.example:${appPort}`,
        Origin: app.origin,
      }),
    ).toBe('403');
    // Control.
    expect(await tryWebSocket(wsUrl(), { Origin: app.origin, Cookie: cookie })).toBe('open');
  });
});

describe('browser mode: the token', () => {
  it('travels in an HttpOnly SameSite=Strict cookie and never in what is served', async () => {
    const first = await fetch(app.url, { redirect: 'manual' });
    expect(first.status).toBe(303);
    const setCookie = first.headers.get('set-cookie')!;
    const attributes = setCookie
      .split(';')
      .slice(1)
      .map((a) => a.trim().toLowerCase());
    expect(attributes).toContain('httponly');
    expect(attributes).toContain('samesite=strict');
    expect(attributes).toContain('path=/');
    expect(first.headers.get('location')).not.toContain(app.token);
    expect(first.headers.get('location')).not.toContain('token');

    const page = await fetch(`${app.origin}/`, { headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<script');
    expect(html).not.toContain(app.token);
    const assets = [...html.matchAll(/(?:src|href)="(\.?\/[^"]+)"/g)].map(
      (m) => new URL(m[1]!, `${app.origin}/`).href,
    );
    expect(assets.some((a) => a.endsWith('.js'))).toBe(true);
    for (const asset of assets) {
      const response = await fetch(asset, { headers: { Cookie: cookie } });
      expect(response.status, asset).toBe(200);
      const body = await response.text();
      expect(body.includes(app.token), asset).toBe(false);
      expect(response.headers.get('set-cookie'), asset).toBeNull();
    }
  });
});

describe('browser mode: WebSocket messages', () => {
  it('answers an unknown request and invalid params with a clean error outcome', async () => {
    const ws = await openSocket();
    try {
      const unknown = await ask(ws, 1, {
        type: 'request',
        id: 1,
        name: 'fs.readFile',
        params: { path: '/etc/passwd' },
      });
      expect(unknown.outcome).toMatchObject({ ok: false, error: { code: 'unknown-request' } });
      const proto = await ask(ws, 2, { type: 'request', id: 2, name: '__proto__', params: {} });
      expect(proto.outcome).toMatchObject({ ok: false, error: { code: 'unknown-request' } });
      const invalid = await ask(ws, 3, {
        type: 'request',
        id: 3,
        name: 'threads.get',
        params: { threadId: { $gt: '' }, extra: true },
      });
      expect(invalid.outcome).toMatchObject({ ok: false, error: { code: 'invalid-params' } });
      const notObject = await ask(ws, 4, {
        type: 'request',
        id: 4,
        name: 'accounts.list',
        params: 'everything',
      });
      expect(notObject.outcome).toMatchObject({ ok: false, error: { code: 'invalid-params' } });
      // Frames that are not requests at all carry an id: they get an error, not silence.
      const noType = await ask(ws, 5, { id: 5, name: 'accounts.list' });
      expect(noType.outcome).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
      // Messages with no id to answer to are dropped, and the socket stays usable.
      for (const junk of ['not json', 'null', '42', '[]', '"x"', '{"type":"request"}', '{}']) {
        ws.send(junk);
      }
      const still = await ask(ws, 6, {
        type: 'request',
        id: 6,
        name: 'accounts.list',
        params: {},
      });
      expect(still.outcome).toEqual({ ok: true, value: [] });
      // No answer leaks internals.
      for (const reply of [unknown, proto, invalid, notObject, noType]) {
        expect(JSON.stringify(reply)).not.toMatch(/\/work\/|node_modules|\bat \w+ \(/);
      }
    } finally {
      ws.close();
    }
    await expectServerAlive();
  });

  it('rejects a message over 1 MB without crashing the server', async () => {
    const ws = await openSocket();
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.on('error', () => undefined);
    ws.send(
      JSON.stringify({
        type: 'request',
        id: 1,
        name: 'accounts.list',
        params: { pad: 'x'.repeat(1024 * 1024 + 16) },
      }),
    );
    expect(await closed).toBe(1009); // Message Too Big
    await expectServerAlive();
    expect(app.stderr()).not.toMatch(/unexpected error|Unhandled|RangeError/);
  });
});

describe('browser mode: static files', () => {
  const TRAVERSALS = [
    '/../../etc/passwd',
    '/../../../../../../../../etc/passwd',
    '/assets/../../../../etc/passwd',
    '/..%2f..%2f..%2f..%2fetc%2fpasswd',
    '/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/%252e%252e%252f%252e%252e%252fetc%252fpasswd',
    '/..%5c..%5c..%5c..%5cetc%5cpasswd',
    '/..\\..\\..\\..\\etc\\passwd',
    '/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd',
    '/....//....//....//etc/passwd',
    '/./../index.html',
    '/%2e%2e/renderer/index.html',
    '/etc/passwd%00.js',
    '/assets/%00',
  ];

  it.each(TRAVERSALS)('answers 404 to %s', async (path) => {
    const response = await raw(path, { Host: new URL(app.origin).host, Cookie: cookie });
    expect(response.status).toBe(404);
    expect(response.body).not.toMatch(/root:|<script/);
  });

  it('still serves the app and its assets (control)', async () => {
    const host = new URL(app.origin).host;
    const index = await raw('/', { Host: host, Cookie: cookie });
    expect(index.status).toBe(200);
    const script = index.body.match(/src="\.?(\/assets\/[^"]+\.js)"/)?.[1];
    expect(script).toBeDefined();
    expect((await raw(script!, { Host: host, Cookie: cookie })).status).toBe(200);
    expect((await raw('/assets/missing.js', { Host: host, Cookie: cookie })).status).toBe(404);
  });
});

describe('static files: symbolic links', () => {
  it('serves a link that stays inside the root, never one that leads out', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'passerelle-outside-'));
    const root = mkdtempSync(join(tmpdir(), 'passerelle-root-'));
    try {
      writeFileSync(join(outside, 'secret.js'), 'SECRET');
      writeFileSync(join(root, 'index.html'), '<!doctype html>');
      mkdirSync(join(root, 'assets'));
      writeFileSync(join(root, 'assets', 'app.js'), 'APP');
      symlinkSync(join(outside, 'secret.js'), join(root, 'assets', 'leak.js'));
      symlinkSync(outside, join(root, 'assets', 'dir'));
      symlinkSync(join(root, 'assets', 'app.js'), join(root, 'assets', 'alias.js'));

      expect((await readStaticFile(root, '/assets/leak.js'))?.body).toBeUndefined();
      expect((await readStaticFile(root, '/assets/dir/secret.js'))?.body).toBeUndefined();
      expect((await readStaticFile(root, '/assets/alias.js'))?.body.toString()).toBe('APP');
      expect((await readStaticFile(root, '/assets/app.js'))?.body.toString()).toBe('APP');
    } finally {
      rmSync(root, { recursive: true, force: true });
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
