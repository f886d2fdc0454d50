// The only way the UI talks to the core. Desktop: the preload bridge. Browser mode: a
// WebSocket to the host that served the page. Stores get the client from here, and
// tests install a fake with setClient().
import type { Client } from '../../../shared/contract';
import { createBridgeClient } from './bridge-client';
import { alwaysConnected, type ConnectionSource } from './connection';
import { createSocketClient, socketUrl } from './socket-client';

export type { Client } from '../../../shared/contract';
export { RemoteError } from '../../../shared/rpc';

let current: { client: Client; connection: ConnectionSource } | undefined;

/** Connects to the core the way this page can: bridge if present, else WebSocket. */
export function connectToCore(win: Window = window): {
  client: Client;
  connection: ConnectionSource;
} {
  if (win.passerelle) {
    return { client: createBridgeClient(win.passerelle), connection: alwaysConnected };
  }
  const socketClient = createSocketClient({ url: socketUrl(win.location) });
  return { client: socketClient, connection: socketClient };
}

export function setClient(client: Client, connection: ConnectionSource = alwaysConnected): void {
  current = { client, connection };
}

export function useClient(): Client {
  if (!current) throw new Error('No client: call setClient() before using the stores.');
  return current.client;
}

export function useConnectionSource(): ConnectionSource {
  if (!current) throw new Error('No client: call setClient() before using the stores.');
  return current.connection;
}

/** A message for people from whatever a request threw. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong.';
}
