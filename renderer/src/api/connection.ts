// The state of the link between the page and the core, for the transports that can
// lose it (browser mode). The desktop bridge is always connected.

export type ConnectionState = 'connecting' | 'connected' | 'disconnected';

export interface ConnectionInfo {
  state: ConnectionState;
  /** When disconnected: the delay before the next attempt, in milliseconds. */
  retryInMs?: number;
}

export interface ConnectionSource {
  readonly connection: ConnectionInfo;
  onConnectionChange(listener: (info: ConnectionInfo) => void): () => void;
}

export const alwaysConnected: ConnectionSource = {
  connection: { state: 'connected' },
  onConnectionChange: () => () => {},
};
