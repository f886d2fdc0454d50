// The CLI and browser mode run the core in-process over a profile directory.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createCore } from '../core/core';
import type { Core } from '../core/core-types';
import { ensureProfileDir } from '../core/profile';
import { FileSecretStore } from '../core/secrets/secret-store';

export async function openCore(
  profileDir: string,
  mode: 'cli' | 'browser',
  backgroundSync: boolean,
): Promise<Core> {
  ensureProfileDir(profileDir);
  return createCore({
    profileDir,
    mode,
    backgroundSync,
    secrets: new FileSecretStore(profileDir),
    ...bundledStoreWorker(),
    log: (line) => process.stderr.write(`${line}\n`),
  });
}

/**
 * The store worker that bin/passerelle.mjs bundles beside the CLI. Run from the sources
 * (tsx, the tests) there is none: catch-ups then parse and store on the core's thread.
 */
function bundledStoreWorker(): { storeWorker?: string } {
  const script = join(__dirname, 'store-worker.cjs');
  return existsSync(script) ? { storeWorker: script } : {};
}
