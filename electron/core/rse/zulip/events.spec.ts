// The event queue against a local HTTP server that speaks Zulip's /register and /events,
// and expires the first queue with BAD_EVENT_QUEUE_ID once.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ZulipConnector } from './connector';

let server: Server | undefined;
const disposables: { dispose(): void }[] = [];
afterEach(async () => {
  for (const d of disposables.splice(0)) d.dispose();
  server?.closeAllConnections();
  if (server) await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

const EDITED = {
  id: 21,
  type: 'stream',
  stream_id: 5,
  display_recipient: 'Verona',
  subject: 'Lunch',
  timestamp: 1527939746,
  last_edit_timestamp: 1527940000,
  sender_full_name: 'King Hamlet',
  flags: [],
};

interface Seen {
  registers: string[];
  polls: string[];
  auth: (string | undefined)[];
}

async function startZulip(): Promise<{ url: string; seen: Seen }> {
  const seen: Seen = { registers: [], polls: [], auth: [] };
  let queues = 0;
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://zulip');
    seen.auth.push(req.headers.authorization);
    const reply = (code: number, body: unknown) =>
      res.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.method === 'POST' && url.pathname === '/api/v1/register') {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen.registers.push(body);
        queues++;
        reply(200, { result: 'success', msg: '', queue_id: `q${queues}`, last_event_id: -1 });
      });
      return;
    }
    if (req.method === 'GET' && url.pathname === '/api/v1/events') {
      const queue = url.searchParams.get('queue_id');
      seen.polls.push(`${queue}@${url.searchParams.get('last_event_id')}`);
      if (queue === 'q1') {
        return reply(400, {
          result: 'error',
          msg: 'Bad event queue ID: q1',
          code: 'BAD_EVENT_QUEUE_ID',
          queue_id: 'q1',
        });
      }
      const after = Number(url.searchParams.get('last_event_id'));
      if (after < 1) {
        return reply(200, {
          result: 'success',
          events: [
            { id: 0, type: 'heartbeat' },
            { id: 1, type: 'update_message', message_id: 21, message_ids: [21] },
            { id: 2, type: 'delete_message', message_ids: [30, 31] },
          ],
        });
      }
      // Nothing new: hold the poll as Zulip does (until the client goes away).
      return;
    }
    // The edited message, and the topic lookup that finds it opened its topic.
    if (req.method === 'GET' && /^\/api\/v1\/messages(\/21)?$/.test(url.pathname)) {
      const message = { ...EDITED, content: '<p>edited</p>' };
      return reply(200, { result: 'success', message, messages: [message], found_newest: true });
    }
    reply(404, { result: 'error', msg: 'Not found', code: 'BAD_REQUEST' });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

describe('Zulip event queue', () => {
  it('registers again after BAD_EVENT_QUEUE_ID and resumes polling the new queue', async () => {
    const { url, seen } = await startZulip();
    const connector = new ZulipConnector({ url, user: 'iago@zulip.com', secret: 'key' });
    let activity = 0;
    disposables.push(connector.subscribe(() => activity++));

    await expect.poll(() => seen.polls.length, { timeout: 5_000 }).toBeGreaterThanOrEqual(3);
    expect(seen.polls.slice(0, 3)).toEqual(['q1@-1', 'q2@-1', 'q2@2']);
    expect(seen.registers).toHaveLength(2);
    expect(decodeURIComponent(seen.registers[0] ?? '')).toContain(
      'event_types=["message","update_message","delete_message"]',
    );
    expect(seen.auth[0]).toBe(`Basic ${Buffer.from('iago@zulip.com:key').toString('base64')}`);
    // Two registrations (events may have been lost) and one batch of events.
    expect(activity).toBe(3);
  });
});

describe('Zulip edits and deletions heard on the queue', () => {
  it('are re-read or reported by the next readActivity, once', async () => {
    const { url, seen } = await startZulip();
    const connector = new ZulipConnector({ url, user: 'iago@zulip.com', secret: 'key' });
    disposables.push(connector.subscribe(() => undefined));
    await expect.poll(() => seen.polls.length, { timeout: 5_000 }).toBeGreaterThanOrEqual(3);

    const request = {
      spaces: [{ remoteId: '5', name: 'Verona' }],
      cursors: { 'stream:5': '21' },
      knownPostIds: ['30'],
      since: new Date(0),
    };
    const batch = await connector.readActivity(request);
    expect(batch.items).toEqual([
      expect.objectContaining({
        remoteId: '21',
        kind: 'post',
        title: 'Lunch',
        bodyHtml: '<p>edited</p>',
      }),
    ]);
    expect(batch.deleted).toEqual([
      { kind: 'post', remoteId: '30' },
      { kind: 'comment', remoteId: '31' },
    ]);
    const again = await connector.readActivity(request);
    expect(again.items).toEqual([]);
    expect(again.deleted).toEqual([]);
  });
});
