// The core's side of the store workers. A catch-up is CPU-bound on one thread: imapflow
// parsing the FETCH, postal-mime parsing bodies and SQLite writing them. Two worker
// threads take the last two as a pipeline (a parser, then a store with its own
// connection), so the three stages run at once on as many cores as there are (issue 3's
// catch-up benchmark). They start on first use and are unref'd while idle, so they never
// keep a process alive. They are only a speed-up: if either cannot start or dies, the
// requests they held and every later one answer "unavailable", and the store does the
// work in the core's thread (a batch whose transaction was never committed is simply
// written again; saves are upserts).
import { existsSync } from 'node:fs';
import { MessageChannel, Worker } from 'node:worker_threads';
import type { Delta } from '../../../shared/contract';
import type { WriteGate } from './deltas';
import type {
  SaveBodiesRequest,
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
    request: OmitId<SaveMessagesRequest> | OmitId<SaveBodiesRequest>,
  ): Promise<Saved | 'unavailable'>;
  close(): Promise<void>;
  /**
   * For the core's Writer: while one of its writes waits or runs, the store thread starts
   * no transaction. Both write to one database and SQLite lets one at a time; the core's
   * waits block its event loop (the busy handler sleeps), and a store thread writing
   * batch after batch could keep it waiting for seconds. Now it waits one batch at most.
   */
  readonly writeGate: WriteGate;
}

type OmitId<T> = Omit<T, 'id'>;

/** What a request committed: the changes to announce and the UIDs stored. */
export interface Saved {
  deltas: Delta[];
  savedUids: number[];
}

/**
 * The two threads: requests go to the parser, replies come from either. The store starts
 * first, the parser with the first request.
 */
interface Pipeline {
  store: Worker;
  parser: Worker | null;
  /** Starts the parser on its channel to the store, with the store's reply and stop handlers. */
  startParser(): Worker;
}

function threadsOf(pipeline: Pipeline): Worker[] {
  return pipeline.parser ? [pipeline.parser, pipeline.store] : [pipeline.store];
}

/** Held (ref'd) while a request is out, so the process waits for it; unref'd when idle. */
function hold(pipeline: Pipeline, held: boolean): void {
  for (const worker of threadsOf(pipeline)) {
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
  const coreWriting = new Int32Array(new SharedArrayBuffer(4));

  function spawn(): Pipeline {
    // The parser hands each parsed request to the store over a channel of their own, so
    // parsed messages never come back through this thread.
    const { port1, port2 } = new MessageChannel();
    const started: Pipeline = {
      store: thread({ role: 'store', dbPath, from: port2, coreWriting }),
      parser: null,
      startParser: () => {
        const parser = thread({ role: 'parser', next: port1 });
        listen(parser);
        return parser;
      },
    };
    const onReply = (reply: StoreWorkerReply) => {
      const waiting = pending.get(reply.id);
      if (!waiting) return;
      pending.delete(reply.id);
      if (pending.size === 0) hold(started, false);
      if (reply.ok) waiting.resolve({ deltas: reply.deltas, savedUids: reply.savedUids });
      else waiting.reject(Object.assign(new Error(reply.message), { code: reply.code }));
    };
    // Either thread stopping stops both: a request may sit in either one.
    const stopped = (reason: string) => {
      if (pipeline === started) pipeline = null;
      if (!closing && !broken) {
        broken = true;
        log(
          `[store] the store worker stopped (${reason}); the core stores what it fetches itself.`,
        );
        for (const worker of threadsOf(started)) void worker.terminate();
      }
      for (const waiting of pending.values()) waiting.resolve('unavailable');
      pending.clear();
    };
    const listen = (worker: Worker) => {
      worker.on('message', onReply);
      worker.on('error', (error) => stopped(error.message));
      worker.on('exit', (code) => stopped(`exit code ${code}`));
    };
    listen(started.store);
    return started;
  }

  function thread(data: StoreWorkerData): Worker {
    const port = data.role === 'parser' ? data.next : data.from;
    // No execArgv: the script is plain built JavaScript, and a loader the host runs under
    // (tsx in the benchmarks and specs) would cost each thread ~0.2 s of CPU to start.
    return new Worker(script, { workerData: data, transferList: [port], execArgv: [] });
  }

  return {
    writeGate: {
      enter: () => void Atomics.add(coreWriting, 0, 1),
      leave: () => {
        Atomics.sub(coreWriting, 0, 1);
        Atomics.notify(coreWriting, 0);
      },
    },
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
        current.parser ??= current.startParser();
        current.parser.postMessage({ id, ...request } satisfies StoreWorkerRequest);
      });
    },
    async close() {
      closing = true;
      const current = pipeline;
      pipeline = null;
      if (current) await Promise.all(threadsOf(current).map((worker) => worker.terminate()));
    },
  };
}
