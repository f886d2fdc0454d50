// What the Electron main process and the worker hosting the core say to each other.
// Requests and events travel as shared/rpc.ts WireMessages on the worker's own port;
// host services (safeStorage, shutdown) travel on a second MessagePort so the two
// conversations never mix. Nothing here imports 'electron': the worker cannot load it.
import type { EventName } from '../../shared/contract';

/** Names safeStorage-encrypted secrets files, so a file from another store fails clearly. */
export const SAFE_STORAGE_SCHEME = 'electron-safestorage-v1';

/** Every core event, checked against the contract so a new event cannot be forgotten. */
const eventNameSet = {
  'db.changed': true,
  'account.status': true,
  'tasks.changed': true,
  'tasks.failed': true,
  'notify.show': true,
  'app.openItem': true,
} as const satisfies Record<EventName, true>;
export const EVENT_NAMES = Object.keys(eventNameSet) as EventName[];

export type CipherOp = 'encrypt' | 'decrypt';

/** Worker -> main, on the host port. */
export type HostRequest =
  { type: 'cipher'; id: number; op: CipherOp; text: string } | { type: 'disposed' };

/** Main -> worker, on the host port. */
export type HostReply =
  | { type: 'cipher-result'; id: number; ok: true; value: string }
  | { type: 'cipher-result'; id: number; ok: false; message: string }
  | { type: 'dispose' };

/** The workerData the main process starts the worker with. */
export interface CoreWorkerData {
  profileDir: string;
  /** Transferred MessagePort for HostRequest / HostReply. */
  hostPort: MessagePortLike;
}

/** The part of a worker_threads MessagePort (or Worker, or parentPort) used here. */
export interface MessagePortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
