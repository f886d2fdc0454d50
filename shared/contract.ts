// The one contract between the core and every client (Electron IPC, the browser-mode
// WebSocket, the CLI and tests). Requests are declared once with a params schema,
// which every transport validates at its edge, and a result type.
import type { z } from 'zod';
import type { Account } from './domain';
import { coreRequests } from './requests/core';
import { searchRequests } from './requests/search';
import { mailActionRequests, type MailActionEvents } from './requests/mail-actions';
import { rseRequests } from './requests/rse';
import { notifyRequests, type NotificationPayload } from './requests/notify';
import { composeRequests } from './requests/compose';
import { convertRequests } from './requests/convert';
import { triageRequests } from './requests/triage';
import { attachmentRequests } from './requests/attachments';
import { folderRequests } from './requests/folders';

export type { RequestSpec } from './requests/define';
export { AddImapAccountParams, TimelineQuery } from './requests/core';

/** Every request of the product, merged from the per-area files in shared/requests/. */
export const requests = {
  ...coreRequests,
  ...searchRequests,
  ...mailActionRequests,
  ...rseRequests,
  ...notifyRequests,
  ...convertRequests,
  ...triageRequests,
  ...composeRequests,
  ...attachmentRequests,
  ...folderRequests,
} as const;

export type RequestName = keyof typeof requests;
export type ParamsOf<N extends RequestName> = z.input<(typeof requests)[N]['params']>;
export type ValidParamsOf<N extends RequestName> = z.output<(typeof requests)[N]['params']>;
export type ResultOf<N extends RequestName> = Exclude<(typeof requests)[N]['result'], undefined>;

/** A change the single writer committed; the UI refreshes what it shows from these. */
export interface Delta {
  table: 'accounts' | 'messages' | 'threads' | 'rse_items' | 'rse_spaces';
  op: 'insert' | 'update' | 'delete';
  ids: string[];
}

export interface Events extends MailActionEvents {
  /** Deltas merged per committed transaction. */
  'db.changed': Delta[];
  'account.status': { accountId: string; status: Account['status'] };
  /** A notification the policy decided to show (desktop, browser tab, CLI --notify). */
  'notify.show': NotificationPayload;
  /** Sent by the shell, never the core: show this timeline item (a notification was clicked). */
  'app.openItem': { itemId: string };
}
export type EventName = keyof Events;

export interface ApiError {
  /** Stable, machine-readable: 'invalid-params', 'not-found', 'auth-failed', 'unavailable', 'internal'… */
  code: string;
  /** For people; never contains a secret. */
  message: string;
  /**
   * Machine-readable facts a client may act on, e.g. for 'certificate-untrusted':
   * { fingerprint, reason } so the UI can offer to trust that exact certificate.
   */
  details?: Record<string, string>;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** What the core implements; transports and tests are checked against it. */
export type Handlers = {
  [N in RequestName]: (params: ValidParamsOf<N>) => Promise<ResultOf<N>>;
};

/** What every client sees, whatever the transport. */
export interface Client {
  invoke<N extends RequestName>(name: N, params: ParamsOf<N>): Promise<ResultOf<N>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(requests, name);
}

export { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type Bridge } from './ipc';
