// A loopback TCP proxy in front of a test server, so a test can cut every connection at
// a chosen moment (as a dropped Wi-Fi or a NAT timeout would) without touching the server.
import { createConnection, createServer, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  host: '127.0.0.1';
  port: number;
  /** Connections currently open through the proxy. */
  readonly connections: number;
  /** Bytes relayed from the server to clients so far (to cut in the middle of a FETCH). */
  readonly bytesDown: number;
  /** Destroys every open connection, both sides, at once. */
  dropAll(): void;
  /** While paused, new connections are accepted and then reset at once. */
  setRefusing(refusing: boolean): void;
  close(): Promise<void>;
}

export interface TcpProxyOptions {
  /**
   * Sees each chunk a client sends before the server does; a returned promise holds that
   * client's traffic until it settles (to act on the server at an exact step of a session).
   */
  beforeClientData?: (chunk: Buffer) => Promise<void> | void;
}

export async function startTcpProxy(
  targetPort: number,
  targetHost = '127.0.0.1',
  options: TcpProxyOptions = {},
): Promise<TcpProxy> {
  const pairs = new Set<[Socket, Socket]>();
  let refusing = false;
  let bytesDown = 0;
  const server: Server = createServer((client) => {
    if (refusing) {
      client.resetAndDestroy();
      return;
    }
    const upstream = createConnection({ host: targetHost, port: targetPort });
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    upstream.on('data', (chunk: Buffer) => (bytesDown += chunk.length));
    if (options.beforeClientData) relayHeld(client, upstream, options.beforeClientData);
    else client.pipe(upstream);
    upstream.pipe(client);
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const dropAll = () => {
    for (const [client, upstream] of [...pairs]) {
      // A reset, not a FIN: the client sees an abrupt loss, as with a real network failure.
      client.resetAndDestroy();
      upstream.destroy();
    }
    pairs.clear();
  };
  return {
    host: '127.0.0.1',
    port,
    get connections() {
      return pairs.size;
    },
    get bytesDown() {
      return bytesDown;
    },
    dropAll,
    setRefusing: (value) => (refusing = value),
    close: () =>
      new Promise<void>((resolve) => {
        dropAll();
        server.close(() => resolve());
      }),
  };
}

function relayHeld(
  client: Socket,
  upstream: Socket,
  before: NonNullable<TcpProxyOptions['beforeClientData']>,
): void {
  client.on('data', (chunk: Buffer) => {
    const held = before(chunk);
    if (!held) {
      upstream.write(chunk);
      return;
    }
    client.pause();
    void held.finally(() => {
      upstream.write(chunk);
      client.resume();
    });
  });
}
