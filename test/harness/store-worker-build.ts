// Builds the store worker (electron/core/db/store-worker.ts) as bin/passerelle.mjs does,
// for specs that run the core from its sources. The output goes inside the repository so
// its external packages resolve from node_modules.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { bundleNodeEntries } from '../../scripts/node-bundle.mjs';

const ROOT = join(__dirname, '..', '..');

/** Builds into out/<name>-<pid>/ and returns the script's path; the caller removes the folder. */
export function buildStoreWorker(name: string): { script: string; dir: string } {
  const dir = join(ROOT, 'out', `${name}-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  bundleNodeEntries(
    { 'store-worker': join(ROOT, 'electron', 'core', 'db', 'store-worker.ts') },
    dir,
  );
  return { script: join(dir, 'store-worker.cjs'), dir };
}
