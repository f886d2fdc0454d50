// The core's side of the store worker. A catch-up is CPU-bound on one thread: imapflow
// parsing the FETCH, postal-mime parsing bodies and SQLite writing them. The worker takes
// the last two, on its own connection, so a 2-core machine runs both halves at once
// (issue 3's catch-up benchmark). It starts on first use and is unref'd while idle, so it
// never keeps a process alive; if it dies, pending saves reject (the sync retries them as
// after any error) and the next save starts a new one.
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { Delta } from '../../../shared/contract';
import type {
  SaveBodiesRequest,
  SaveMessagesRequest,
  StoreWorkerData,
  StoreWorkerReply,
  StoreWorkerRequest,
} from './store-worker-protocol';

export interface StoreOffload {
  /** False when no worker runs and its script is gone (a newer build replaced it). */
  available(): boolean;
  /** Parses and stores the batch in the worker; resolves with what it committed. */
  save(request: OmitId<SaveMessagesRequest> | OmitId<SaveBodiesRequest>): Promise<Saved>;
  close(): Promise<void>;
}

type OmitId<T> = Omit<T, 'id'>;

/** What a request committed: the changes to announce and the UIDs stored. */
export interface Saved {
  deltas: Delta[];
  savedUids: number[];
}

interface Pending {
  resolve: (saved: Saved) => void;
  reject: (error: Error) => void;
}

/** `script`: the built store-worker entry; `dbPath`: the profile's database file. */
export function createStoreOffload(script: string, dbPath: string): StoreOffload {
  let worker: Worker | null = null;
  const pending = new Map<number, Pending>();
  let nextId = 1;

  function spawn(): Worker {
    const data: StoreWorkerData = { dbPath };
    const started = new Worker(script, { workerData: data });
    started.on('message', (reply: StoreWorkerReply) => {
      const waiting = pending.get(reply.id);
      if (!waiting) return;
      pending.delete(reply.id);
      if (pending.size === 0) started.unref();
      if (reply.ok) waiting.resolve({ deltas: reply.deltas, savedUids: reply.savedUids });
      else waiting.reject(new Error(reply.message));
    });
    const fail = (error: Error) => {
      if (worker === started) worker = null;
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
    };
    started.on('error', fail);
    started.on('exit', (code) => fail(new Error(`The store worker stopped (exit code ${code}).`)));
    return started;
  }

  return {
    available: () => worker !== null || existsSync(script),
    save(request) {
      const current = (worker ??= spawn());
      current.ref();
      const id = nextId++;
      return new Promise<Saved>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        current.postMessage({ id, ...request } satisfies StoreWorkerRequest);
      });
    },
    async close() {
      const current = worker;
      worker = null;
      if (current) await current.terminate();
    },
  };
}
