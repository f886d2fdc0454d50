// The core as its hosts (Electron main or its worker, the browser-mode server, the CLI,
// tests) see it. Hosts never reach into the core's modules directly.
import type { EventName, Events, Handlers, Outcome, RequestName } from '../../shared/contract';
import type { OAuthRefreshHook } from './mail/oauth-token';
import type { SecretStore } from './secrets/secret-store';

export interface CoreOptions {
  profileDir: string;
  mode: 'desktop' | 'browser' | 'cli';
  secrets: SecretStore;
  /** Start background sync (IDLE) for every account when the core starts. Default true. */
  backgroundSync?: boolean;
  /**
   * The built store worker entry (db/store-worker.ts) when the host ships one: catch-ups
   * then parse and store bodies on a second thread. Without it everything runs here.
   */
  storeWorker?: string;
  /** Diagnostics; never given secrets. Default: stderr. */
  log?: (line: string) => void;
  /**
   * XOAUTH2 accounts: asked for a new access token when the server rejects the current one
   * (before the account's own token command, if any).
   */
  oauthRefresh?: OAuthRefreshHook;
  /**
   * The fetch of requests the core makes on the user's behalf outside the networks'
   * connectors (a one-click unsubscribe). Default: the global fetch; tests inject one that
   * trusts their own certificate authority.
   */
  fetch?: typeof fetch;
}

export interface Core {
  readonly handlers: Handlers;
  /** Validates params against the contract and never throws: errors become outcomes. */
  dispatch(name: string, params: unknown): Promise<Outcome<unknown>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
  /** Stops sync loops, closes IMAP sessions and the database. Idempotent. */
  dispose(): Promise<void>;
}

export type { RequestName };
