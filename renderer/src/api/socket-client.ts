// Browser mode: the contract over a WebSocket to the serving host. The server set an
// HttpOnly cookie when the page was opened with its token, so the socket needs no
// credentials of its own. When the socket drops, pending requests fail, the UI shows
// "disconnected", and we reconnect with exponential backoff and jitter.
import type { Client } from '../../../shared/contract';
import { createRpcClient, type RpcChannel, type WireMessage } from '../../../shared/rpc';
import type { ConnectionInfo, ConnectionSource } from './connection';

/** WebSocket.OPEN, spelt out so this module also loads where WebSocket is not global. */
const OPEN = 1;

export interface SocketClient extends Client, ConnectionSource {
  dispose(): void;
}

export interface SocketClientOptions {
  url: string;
  /** Injected for tests; defaults to the browser's WebSocket. */
  createSocket?: (url: string) => WebSocket;
  minDelayMs?: number;
  maxDelayMs?: number;
}

export function socketUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws`;
}

export function backoffDelay(
  attempt: number,
  minMs: number,
  maxMs: number,
  random = Math.random,
): number {
  const ceiling = Math.min(maxMs, minMs * 2 ** attempt);
  // "Equal jitter": never below half the ceiling, so retries still back off.
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export function createSocketClient(options: SocketClientOptions): SocketClient {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url));
  const minDelay = options.minDelayMs ?? 500;
  const maxDelay = options.maxDelayMs ?? 15_000;

  const receivers = new Set<(message: WireMessage) => void>();
  const connectionListeners = new Set<(info: ConnectionInfo) => void>();
  let socket: WebSocket | null = null;
  let queue: WireMessage[] = [];
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;
  let connection: ConnectionInfo = { state: 'connecting' };

  const setConnection = (info: ConnectionInfo) => {
    connection = info;
    for (const listener of connectionListeners) listener(info);
  };

  const channel: RpcChannel = {
    send(message) {
      // Requests made while (re)connecting wait for the socket rather than failing.
      if (socket?.readyState === OPEN) socket.send(JSON.stringify(message));
      else queue.push(message);
    },
    onMessage(receiver) {
      receivers.add(receiver);
      return () => receivers.delete(receiver);
    },
  };
  const rpc = createRpcClient(channel);

  function connect() {
    if (disposed) return;
    setConnection({ state: 'connecting' });
    const ws = createSocket(options.url);
    socket = ws;
    ws.addEventListener('open', () => {
      attempt = 0;
      const waiting = queue;
      queue = [];
      for (const message of waiting) ws.send(JSON.stringify(message));
      setConnection({ state: 'connected' });
    });
    ws.addEventListener('message', (event: MessageEvent) => {
      let message: WireMessage;
      try {
        message = JSON.parse(String(event.data)) as WireMessage;
      } catch {
        return;
      }
      for (const receiver of receivers) receiver(message);
    });
    ws.addEventListener('close', () => {
      if (socket !== ws) return;
      socket = null;
      queue = [];
      rpc.failPending({ code: 'unavailable', message: 'Lost the connection to Passerelle.' });
      if (disposed) return;
      const delay = backoffDelay(attempt++, minDelay, maxDelay);
      setConnection({ state: 'disconnected', retryInMs: delay });
      retryTimer = setTimeout(connect, delay);
    });
  }

  connect();

  return {
    invoke: rpc.invoke,
    on: rpc.on,
    get connection() {
      return connection;
    },
    onConnectionChange(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    dispose() {
      disposed = true;
      clearTimeout(retryTimer);
      socket?.close();
      socket = null;
      rpc.dispose();
      connectionListeners.clear();
    },
  };
}
