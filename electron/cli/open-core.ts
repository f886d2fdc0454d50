// The CLI and browser mode run the core in-process over a profile directory.
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
    log: (line) => process.stderr.write(`${line}\n`),
  });
}
