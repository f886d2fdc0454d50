// The desktop IPC surface, kept free of any dependency so the sandboxed preload that
// imports it stays tiny.
import type { Outcome } from './contract';

/**
 * What the desktop preload exposes as `window.passerelle`: the contract's invoke/on and
 * nothing else. Outcomes, not exceptions, cross the bridge.
 */
export interface Bridge {
  invoke(name: string, params: unknown): Promise<Outcome<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

export const IPC_INVOKE_CHANNEL = 'passerelle:invoke';
export const IPC_EVENT_CHANNEL = 'passerelle:event';
