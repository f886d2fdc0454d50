import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WireMessage } from '../../../shared/rpc';
import type { ConnectionInfo } from './connection';
import { backoffDelay, createSocketClient, socketUrl, type SocketClient } from './socket-client';

/** Just enough of a browser WebSocket for the client: events, send, close. */
class FakeSocket extends EventTarget {
  readyState = 0;
  sent: WireMessage[] = [];
  constructor(readonly url: string) {
    super();
  }
  send(data: string) {
    this.sent.push(JSON.parse(data) as WireMessage);
  }
  close() {
    this.drop();
  }
  open() {
    this.readyState = 1;
    this.dispatchEvent(new Event('open'));
  }
  receive(message: WireMessage) {
    this.dispatchEvent(new MessageEvent('message', { data: JSON.stringify(message) }));
  }
  drop() {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.dispatchEvent(new Event('close'));
  }
}

let sockets: FakeSocket[];
let client: SocketClient;
let states: ConnectionInfo[];

beforeEach(() => {
  vi.useFakeTimers();
  sockets = [];
  states = [];
  client = createSocketClient({
    url: 'ws://127.0.0.1:1234/ws',
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket as unknown as WebSocket;
    },
    minDelayMs: 100,
    maxDelayMs: 1000,
  });
  client.onConnectionChange((info) => states.push(info));
});

afterEach(() => {
  client.dispose();
  vi.useRealTimers();
});

describe('createSocketClient', () => {
  it('derives the socket address from the page', () => {
    expect(socketUrl({ protocol: 'http:', host: '127.0.0.1:5000' })).toBe('ws://127.0.0.1:5000/ws');
    expect(socketUrl({ protocol: 'https:', host: 'example.org' })).toBe('wss://example.org/ws');
  });

  it('holds requests until the socket opens, then answers them', async () => {
    const socket = sockets[0]!;
    const answer = client.invoke('accounts.list', {});
    expect(socket.sent).toEqual([]);
    socket.open();
    expect(socket.sent).toEqual([{ type: 'request', id: 1, name: 'accounts.list', params: {} }]);
    socket.receive({ type: 'response', id: 1, outcome: { ok: true, value: [] } });
    await expect(answer).resolves.toEqual([]);
    expect(client.connection.state).toBe('connected');
  });

  it('turns failed outcomes into errors with their code, and delivers events', async () => {
    const socket = sockets[0]!;
    socket.open();
    const events: unknown[] = [];
    client.on('db.changed', (d) => events.push(d));
    const answer = client.invoke('threads.get', { threadId: 'x' });
    socket.receive({
      type: 'response',
      id: 1,
      outcome: { ok: false, error: { code: 'not-found', message: 'No such thread' } },
    });
    await expect(answer).rejects.toMatchObject({
      name: 'RemoteError',
      code: 'not-found',
      message: 'No such thread',
    });
    socket.receive({
      type: 'event',
      name: 'db.changed',
      payload: [{ table: 'threads', op: 'insert', ids: ['t'] }],
    });
    expect(events).toHaveLength(1);
  });

  it('fails pending requests when the socket drops, says so, and reconnects with backoff', async () => {
    sockets[0]!.open();
    const pending = client.invoke('accounts.list', {});
    sockets[0]!.drop();
    await expect(pending).rejects.toMatchObject({ code: 'unavailable' });
    expect(client.connection.state).toBe('disconnected');
    const firstDelay = client.connection.retryInMs!;
    expect(firstDelay).toBeGreaterThanOrEqual(50);
    expect(firstDelay).toBeLessThanOrEqual(100);

    vi.advanceTimersByTime(firstDelay);
    expect(sockets).toHaveLength(2);
    sockets[1]!.drop();
    expect(client.connection.retryInMs!).toBeGreaterThanOrEqual(100);
    vi.advanceTimersByTime(1000);
    sockets[2]!.open();
    expect(states.map((s) => s.state)).toEqual([
      'connected',
      'disconnected',
      'connecting',
      'disconnected',
      'connecting',
      'connected',
    ]);
    // Listeners registered before the drop still hear events on the new socket.
    const heard: unknown[] = [];
    client.on('account.status', (s) => heard.push(s));
    sockets[2]!.receive({
      type: 'event',
      name: 'account.status',
      payload: { accountId: 'a', status: { kind: 'online' } },
    });
    expect(heard).toHaveLength(1);
  });

  it('stops reconnecting once disposed', () => {
    sockets[0]!.open();
    client.dispose();
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
  });

  it('backs off exponentially, with jitter, up to a ceiling', () => {
    expect(backoffDelay(0, 500, 15_000, () => 0)).toBe(250);
    expect(backoffDelay(0, 500, 15_000, () => 1)).toBe(500);
    expect(backoffDelay(3, 500, 15_000, () => 1)).toBe(4000);
    expect(backoffDelay(20, 500, 15_000, () => 1)).toBe(15_000);
    expect(backoffDelay(20, 500, 15_000, () => 0)).toBe(7500);
  });
});
