// Entry of the store worker threads (built beside the CLI and the desktop core; see
// store-offload.ts). The same script runs in two roles, a pipeline behind the core's
// thread, which reads the FETCH: the parser turns sources into messages and bodies
// (postal-mime) and hands them to the store, which writes them on its own connection
// (WAL lets it share the database) and answers the core. Each role takes one request at
// a time, in arrival order: the sync counts on its batches (and their checkpoints)
// committing in the order it sent them.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { Delta } from '../../../shared/contract';
import { parseFetched, parseSources, saveBodies } from '../mail/fetched-message';
import { usePlainBlob } from '../mail/plain-blob';
import { openDatabase } from './connection';
import { Writer } from './deltas';
import { createSqliteMailStore } from './mail-store-sqlite';
import type {
  ParsedRequest,
  StoreWorkerData,
  StoreWorkerReply,
  StoreWorkerRequest,
} from './store-worker-protocol';

if (!parentPort) throw new Error('store-worker must run in a worker thread.');
const core = parentPort;
const data = workerData as StoreWorkerData;

/** Runs `handle` on each message of `port`, one at a time, in order. */
function serve<T>(port: MessagePort, handle: (request: T) => Promise<void>): void {
  let queue = Promise.resolve();
  port.on('message', (request: T) => {
    queue = queue.then(() => handle(request));
  });
}

function fail(request: { id: number }, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  const { code } = (error ?? {}) as { code?: unknown };
  core.postMessage({
    id: request.id,
    ok: false,
    message,
    ...(typeof code === 'string' ? { code } : {}),
  } satisfies StoreWorkerReply);
}

/** The parser: the same request, its sources replaced by what they parse to. */
async function parse(request: StoreWorkerRequest): Promise<ParsedRequest> {
  if (request.kind === 'messages') {
    const { items, ...rest } = request;
    return { ...rest, messages: await parseFetched(items) };
  }
  const { sources, ...rest } = request;
  return { ...rest, parsed: [...(await parseSources(sources)), ...request.parsed] };
}

function runParser(store: MessagePort): void {
  usePlainBlob();
  serve<StoreWorkerRequest>(core, async (request) => {
    try {
      store.postMessage(await parse(request));
    } catch (error) {
      fail(request, error);
    }
  });
}

/** Lets the core's writes go first: waits while one is waiting for the lock or running. */
function waitForCore(coreWriting: Int32Array): void {
  for (let n = Atomics.load(coreWriting, 0); n > 0; n = Atomics.load(coreWriting, 0)) {
    Atomics.wait(coreWriting, 0, n, 100);
  }
}

function runStore(dbPath: string, fromParser: MessagePort, coreWriting: Int32Array): void {
  const writer = new Writer(openDatabase(dbPath));
  const store = createSqliteMailStore(writer);
  let committed: Delta[] = [];
  writer.onDidCommit((deltas) => committed.push(...deltas));

  /** Stores a parsed request in one transaction; the UIDs stored. */
  const save = (request: ParsedRequest): number[] => {
    const { accountId, path } = request;
    if (request.kind === 'messages') {
      store.saveMessages(accountId, path, request.messages, request.checkpoint);
      return request.messages.map((m) => m.uid);
    }
    saveBodies(store, accountId, path, request.parsed);
    return request.parsed.map((p) => p.uid);
  };

  // Nothing comes from the core this way, but listening keeps this thread up until the
  // core ends it: a parser that dies closes the channel, and the core must hear that as
  // the parser's exit, not as this thread running out of work (exit code 0).
  core.on('message', () => undefined);
  serve<ParsedRequest>(fromParser, async (request) => {
    try {
      waitForCore(coreWriting);
      const savedUids = save(request);
      core.postMessage({
        id: request.id,
        ok: true,
        deltas: committed,
        savedUids,
      } satisfies StoreWorkerReply);
    } catch (error) {
      fail(request, error);
    }
    committed = []; // the reply held this request's deltas
  });
}

if (data.role === 'parser') runParser(data.next);
else runStore(data.dbPath, data.from, data.coreWriting);
