// The core's side of the store workers. A catch-up is CPU-bound on one thread: imapflow
// parsing the FETCH, postal-mime parsing bodies and SQLite writing them. Two worker
// threads take the last two as a pipeline (a parser, then a store with its own
// connection), so the three stages run at once on as many cores as there are (issue 3's
// catch-up benchmark). A header sync has nothing to parse: its batches go to the store
// thread directly, and are written while the core's thread reads the next ones. They start on first use and are unref'd while idle, so they never
// keep a process alive. They are only a speed-up: if either cannot start or dies, the
// requests they held and every later one answer "unavailable", and the store does the
// work in the core's thread (a batch whose transaction was never committed is simply
// written again; saves are upserts).
import { existsSync } from 'node:fs';
import { MessageChannel, Worker } from 'node:worker_threads';
import type { Delta } from '../../../shared/contract';
import type {
  SaveBodiesRequest,
  SaveHeadersRequest,
  SaveMessagesRequest,
  StoreWorkerData,
  StoreWorkerReply,
  StoreWorkerRequest,
} from './store-worker-protocol';

export interface StoreOffload {
  /**
   * Stores the batch in the workers (its sources parsed first); resolves with what it
   * committed, or with 'unavailable' when there is no worker to do it (the caller then
   * does it itself). Rejects with the store's own error (a full disk…) as the core's
   * thread would.
   */
  save(
    request: OmitId<SaveMessagesRequest> | OmitId<SaveBodiesRequest> | OmitId<SaveHeadersRequest>,
  ): Promise<Saved | 'unavailable'>;
  close(): Promise<void>;
}

type OmitId<T> = Omit<T, 'id'>;

/** What a request committed: the changes to announce and the UIDs stored. */
export interface Saved {
  deltas: Delta[];
  savedUids: number[];
}

/** The two threads: requests go to the parser, replies come from either. */
interface Pipeline {
  parser: Worker;
  store: Worker;
}

/** Held (ref'd) while a request is out, so the process waits for it; unref'd when idle. */
function hold(pipeline: Pipeline, held: boolean): void {
  for (const worker of [pipeline.parser, pipeline.store]) {
    if (held) worker.ref();
    else worker.unref();
  }
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
  let pipeline: Pipeline | null = null;
  let broken = false;
  let closing = false;
  const pending = new Map<number, Pending>();
  let nextId = 1;

  function spawn(): Pipeline {
    // The parser hands each parsed request to the store over a channel of their own, so
    // parsed messages never come back through this thread.
    const { port1, port2 } = new MessageChannel();
    const parserData: StoreWorkerData = { role: 'parser', next: port1 };
    const storeData: StoreWorkerData = { role: 'store', dbPath, from: port2 };
    // No execArgv: the script is plain built JavaScript, and a loader the host runs under
    // (tsx in the benchmarks and specs) would cost each thread ~0.2 s of CPU to start.
    const started: Pipeline = {
      parser: new Worker(script, { workerData: parserData, transferList: [port1], execArgv: [] }),
      store: new Worker(script, { workerData: storeData, transferList: [port2], execArgv: [] }),
    };
    const onReply = (reply: StoreWorkerReply) => {
      const waiting = pending.get(reply.id);
      if (!waiting) return;
      pending.delete(reply.id);
      if (pending.size === 0) hold(started, false);
      if (reply.ok) waiting.resolve({ deltas: reply.deltas, savedUids: reply.savedUids });
      else waiting.reject(new Error(reply.message));
    };
    // Either thread stopping stops both: a request may sit in either one.
    const stopped = (reason: string) => {
      if (pipeline === started) pipeline = null;
      if (!closing && !broken) {
        broken = true;
        log(`[store] the store worker stopped (${reason}); the core stores catch-ups itself.`);
        void started.parser.terminate();
        void started.store.terminate();
      }
      for (const waiting of pending.values()) waiting.resolve('unavailable');
      pending.clear();
    };
    for (const worker of [started.parser, started.store]) {
      worker.on('message', onReply);
      worker.on('error', (error) => stopped(error.message));
      worker.on('exit', (code) => stopped(`exit code ${code}`));
    }
    return started;
  }

  return {
    save(request) {
      // A newer build may have removed the script under a long-running process.
      if (broken || closing || (!pipeline && !existsSync(script))) {
        return Promise.resolve('unavailable');
      }
      const current = (pipeline ??= spawn());
      hold(current, true);
      const id = nextId++;
      return new Promise<Saved | 'unavailable'>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        // Header batches have nothing to parse: straight to the store.
        if (request.kind === 'headers') current.store.postMessage({ id, ...request });
        else current.parser.postMessage({ id, ...request } satisfies StoreWorkerRequest);
      });
    },
    async close() {
      closing = true;
      const current = pipeline;
      pipeline = null;
      if (current) await Promise.all([current.parser.terminate(), current.store.terminate()]);
    },
  };
}
