// The shared HTTP layer against a tiny local server: Retry-After honoured, errors classified.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RseError } from './errors';
import { HttpClient, parseRetryAfter } from './http';

let server: Server | undefined;

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

async function failure(promise: Promise<unknown>): Promise<RseError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RseError);
  return error as RseError;
}

describe('HttpClient', () => {
  it('waits as long as Retry-After asks after a 429, then succeeds', async () => {
    const times: number[] = [];
    const url = await serve((_req, res) => {
      times.push(Date.now());
      if (times.length === 1) res.writeHead(429, { 'retry-after': '1' }).end('slow down');
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    expect(await new HttpClient().json({ url })).toEqual({ ok: true });
    expect(times).toHaveLength(2);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(950);
  });

  it('gives up as rate-limited when the server keeps refusing, keeping its Retry-After', async () => {
    const waits: number[] = [];
    const url = await serve((_req, res) => void res.writeHead(429, { 'retry-after': '7' }).end());
    const error = await failure(
      new HttpClient({ maxRetries: 2, sleep: async (ms) => void waits.push(ms) }).json({ url }),
    );
    expect(error.kind).toBe('rate-limited');
    expect(error.retryAfterMs).toBe(7000);
    expect(waits).toEqual([7000, 7000]);
  });

  it('fails at once when Retry-After is longer than it may wait', async () => {
    const url = await serve(
      (_req, res) => void res.writeHead(429, { 'retry-after': '3600' }).end(),
    );
    const error = await failure(new HttpClient({ maxRetryAfterMs: 60_000 }).json({ url }));
    expect(error).toMatchObject({ kind: 'rate-limited', retryAfterMs: 3_600_000 });
  });

  it('classifies statuses and never quotes the response body', async () => {
    const statuses = [401, 403, 404, 400, 500];
    const url = await serve(
      (req, res) => void res.writeHead(Number(req.url!.slice(1))).end('secret-token-echo'),
    );
    const kinds = [];
    for (const status of statuses) {
      const error = await failure(
        new HttpClient({ maxRetries: 0 }).json({ url: `${url}${status}` }),
      );
      expect(error.message).not.toContain('secret-token-echo');
      kinds.push(error.kind);
    }
    expect(kinds).toEqual(['authentication', 'permission', 'not-found', 'invalid', 'server']);
  });

  it('reports an unreachable server as offline, and a slow one after the timeout', async () => {
    const url = await serve(() => undefined); // never answers
    expect((await failure(new HttpClient({ timeoutMs: 200 }).json({ url }))).kind).toBe('offline');
    expect((await failure(new HttpClient().json({ url: 'http://127.0.0.1:1/' }))).kind).toBe(
      'offline',
    );
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('120')).toBe(120_000);
    expect(
      parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')),
    ).toBe(30_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
