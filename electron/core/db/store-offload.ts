// The core's side of the store worker. A catch-up is CPU-bound on one thread: imapflow
// parsing the FETCH, postal-mime parsing bodies and SQLite writing them. The worker takes
// the last two, on its own connection, so a 2-core machine runs both halves at once
// (issue 3's catch-up benchmark). It starts on first use and is unref'd while idle, so it
// never keeps a process alive. It is only a speed-up: if it cannot start or dies, the
// request it held and every later one answer "unavailable", and the store does the work in
// the core's thread (a batch whose transaction the worker never committed is simply
// written again; saves are upserts).
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
  /**
   * Parses and stores the batch in the worker; resolves with what it committed, or with
   * 'unavailable' when there is no worker to do it (the caller then does it itself).
   * Rejects with the store's own error (a full disk…) as the core's thread would.
   */
  save(
    request: OmitId<SaveMessagesRequest> | OmitId<SaveBodiesRequest>,
  ): Promise<Saved | 'unavailable'>;
  close(): Promise<void>;
}

type OmitId<T> = Omit<T, 'id'>;

/** What a request committed: the changes to announce and the UIDs stored. */
export interface Saved {
  deltas: Delta[];
  savedUids: number[];
}

interface Pending {
  resolve: (saved: Saved | 'unavailable') => void;
  reject: (error: Error) => void;
}

/**
 * `script`: the built store-worker entry; `dbPath`: the profile's database file; `log`
 * says once why the worker stopped helping.
 */
export function createStoreOffload(
  script: string,
  dbPath: string,
  log: (line: string) => void,
): StoreOffload {
  let worker: Worker | null = null;
  let broken = false;
  let closing = false;
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
    const stopped = (reason: string) => {
      if (worker === started) worker = null;
      if (!closing && !broken) {
        broken = true;
        log(`[store] the store worker stopped (${reason}); the core stores catch-ups itself.`);
      }
      for (const waiting of pending.values()) waiting.resolve('unavailable');
      pending.clear();
    };
    started.on('error', (error) => stopped(error.message));
    started.on('exit', (code) => stopped(`exit code ${code}`));
    return started;
  }

  return {
    save(request) {
      // A newer build may have removed the script under a long-running process.
      if (broken || closing || (!worker && !existsSync(script))) {
        return Promise.resolve('unavailable');
      }
      const current = (worker ??= spawn());
      current.ref();
      const id = nextId++;
      return new Promise<Saved | 'unavailable'>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        current.postMessage({ id, ...request } satisfies StoreWorkerRequest);
      });
    },
    async close() {
      closing = true;
      const current = worker;
      worker = null;
      if (current) await current.terminate();
    },
  };
}
