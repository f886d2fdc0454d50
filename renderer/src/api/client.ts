// The only way the UI talks to the core. Desktop: the preload bridge. Browser mode: a
// WebSocket to the host that served the page. Stores get the client from here, and
// tests install a fake with setClient().
import type { Client } from '../../../shared/contract';
import { RemoteError } from '../../../shared/rpc';
import { translateCoreText } from '../util/core-text';
import { createBridgeClient } from './bridge-client';
import { alwaysConnected, type ConnectionSource } from './connection';
import { createSocketClient, socketUrl } from './socket-client';

export type { Client } from '../../../shared/contract';
export { RemoteError };

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

/**
 * A message for people from whatever a request threw, in the user's language when the
 * core attached its text (details.text: a connection problem, a full disk).
 */
export function errorMessage(error: unknown): string {
  const fallback =
    error instanceof Error && error.message ? error.message : 'Something went wrong.';
  const raw = error instanceof RemoteError ? error.details?.text : undefined;
  if (!raw) return fallback;
  try {
    return translateCoreText(JSON.parse(raw), fallback);
  } catch {
    return fallback; // Not JSON: an older core's detail; its message is still right.
  }
}
