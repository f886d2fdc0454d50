// Entry of the worker thread that hosts the core in the desktop app (built to
// out/main/core-worker.js). Everything testable lives in core-worker-server.ts.
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { createCore } from '../core/core';
import type { CoreWorkerData } from './core-worker-protocol';
import { serveCore } from './core-worker-server';

if (!parentPort) throw new Error('core-worker.ts must run in a worker thread.');
const data = workerData as CoreWorkerData;
serveCore({
  wirePort: parentPort,
  hostPort: data.hostPort,
  profileDir: data.profileDir,
  // Catch-ups parse and store on a thread of their own (out/main/store-worker.js).
  createCore: (options) =>
    createCore({ ...options, storeWorker: join(import.meta.dirname, 'store-worker.js') }),
});
