// Entry of the store worker thread (built beside the CLI and the desktop core; see
// store-offload.ts): parses catch-up batches and stores them on its own connection, while
// the core's thread reads the next FETCH. WAL lets both connections share the database.
import { parentPort, workerData } from 'node:worker_threads';
import type { Delta } from '../../../shared/contract';
import { parseFetched, parseSources, saveBodies } from '../mail/fetched-message';
import { openDatabase } from './connection';
import { Writer } from './deltas';
import { createSqliteMailStore } from './mail-store-sqlite';
import type {
  StoreWorkerData,
  StoreWorkerReply,
  StoreWorkerRequest,
} from './store-worker-protocol';

if (!parentPort) throw new Error('store-worker must run in a worker thread.');
const port = parentPort;
const writer = new Writer(openDatabase((workerData as StoreWorkerData).dbPath));
const store = createSqliteMailStore(writer);
let committed: Delta[] = [];
writer.onDidCommit((deltas) => committed.push(...deltas));

// One request at a time, in arrival order: the sync counts on its batches (and their
// checkpoints) committing in the order it sent them.
let queue = Promise.resolve();
port.on('message', (request: StoreWorkerRequest) => {
  queue = queue.then(() => handle(request));
});

async function handle(request: StoreWorkerRequest): Promise<void> {
  let reply: StoreWorkerReply;
  try {
    const savedUids = await save(request);
    reply = { id: request.id, ok: true, deltas: committed, savedUids };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    reply = { id: request.id, ok: false, message };
  }
  committed = []; // the reply holds this request's deltas
  port.postMessage(reply);
}

/** Parses, then stores in one transaction; the UIDs stored. */
async function save(request: StoreWorkerRequest): Promise<number[]> {
  const { accountId, path } = request;
  if (request.kind === 'messages') {
    const messages = await parseFetched(request.items);
    store.saveMessages(accountId, path, messages, request.checkpoint);
    return messages.map((m) => m.uid);
  }
  const parsed = [...(await parseSources(request.sources)), ...request.parsed];
  saveBodies(store, accountId, path, parsed);
  return parsed.map((p) => p.uid);
}
