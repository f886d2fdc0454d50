// Entry of the store worker thread (built beside the CLI and the desktop core; see
// store-offload.ts): parses catch-up batches and stores them on its own connection, while
// the core's thread reads the next FETCH. WAL lets both connections share the database.
import { parentPort, workerData } from 'node:worker_threads';
import type { Delta } from '../../../shared/contract';
import { parseFetched } from '../mail/fetched-message';
import { openDatabase } from './connection';
import { Writer } from './deltas';
import { createSqliteMailStore } from './mail-store-sqlite';
import type {
  SaveFetchedReply,
  SaveFetchedRequest,
  StoreWorkerData,
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
port.on('message', (request: SaveFetchedRequest) => {
  queue = queue.then(() => handle(request));
});

async function handle(request: SaveFetchedRequest): Promise<void> {
  let reply: SaveFetchedReply;
  try {
    const messages = await parseFetched(request.items);
    committed = [];
    store.saveMessages(request.accountId, request.path, messages, request.checkpoint);
    reply = { id: request.id, ok: true, deltas: committed };
  } catch (error) {
    reply = {
      id: request.id,
      ok: false,
      message: error instanceof Error ? error.message : String(error),
    };
  }
  port.postMessage(reply);
}
