// The socket against a tiny local WebSocket server speaking Mattermost's event format.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { MattermostConnector } from './connector';
import { mentionedPostId, parseEvent } from './websocket';

const posted = (mentions: string[]) =>
  JSON.stringify({
    event: 'posted',
    data: {
      post: JSON.stringify({ id: 'p9', message: 'hi @ada' }),
      mentions: JSON.stringify(mentions),
    },
    broadcast: { channel_id: 'c1' },
    seq: 1,
  });

const disposables: { dispose(): void }[] = [];
let server: WebSocketServer | undefined;
afterEach(async () => {
  for (const d of disposables.splice(0)) d.dispose();
  if (server) await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

async function startServer() {
  server = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/api/v4/websocket' });
  await once(server, 'listening');
  const headers: (string | undefined)[] = [];
  server.on('connection', (_socket, request) => headers.push(request.headers.authorization));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, headers, server };
}

function nextConnection(wss: WebSocketServer): Promise<WebSocket> {
  return once(wss, 'connection').then(([socket]) => socket as WebSocket);
}

describe('Mattermost WebSocket events', () => {
  it('parses events and finds the posts that mention the user', () => {
    const event = parseEvent(posted(['u-me', 'u-bob']));
    expect(event?.event).toBe('posted');
    expect(event && mentionedPostId(event, 'u-me')).toBe('p9');
    expect(event && mentionedPostId(event, 'u-eve')).toBeUndefined();
    expect(parseEvent('not json')).toBeUndefined();
  });

  it('authenticates with the token and signals activity for post events only', async () => {
    const { url, headers, server: wss } = await startServer();
    const connector = new MattermostConnector({ url, secret: 'pat' });
    let calls = 0;
    const connected = nextConnection(wss);
    disposables.push(connector.subscribe(() => calls++));
    const socket = await connected;
    expect(headers).toEqual(['Bearer pat']);
    await expect.poll(() => calls).toBe(1); // the (re)connection itself: events may be missed
    socket.send(JSON.stringify({ event: 'typing', data: {} }));
    socket.send(posted([]));
    socket.send(JSON.stringify({ event: 'post_edited', data: {} }));
    socket.send(JSON.stringify({ event: 'post_deleted', data: {} }));
    await expect.poll(() => calls).toBe(4);
  });

  it('reconnects after the server drops the connection, and stops on dispose', async () => {
    const { url, server: wss } = await startServer();
    const connector = new MattermostConnector({ url, secret: 'pat' });
    let calls = 0;
    const first = nextConnection(wss);
    const subscription = connector.subscribe(() => calls++);
    disposables.push(subscription);
    const socket = await first;
    const again = nextConnection(wss);
    socket.terminate();
    await again; // reconnected after about a second
    await expect.poll(() => calls).toBe(2);
    subscription.dispose();
    await expect.poll(() => wss.clients.size).toBe(0);
  });
});
