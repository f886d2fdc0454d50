// better-sqlite3 is built once per runtime by scripts/prepare.mjs into
// .native/<runtime>-<abi>/, so Node (tests, CLI) and Electron (desktop) can share one
// checkout. A packaged app has no .native folder: electron-builder rebuilt the default.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findRepoRoot(start: string): string | null {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, '.native'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

export function runtimeTag(versions: NodeJS.ProcessVersions = process.versions): string {
  return versions.electron ? `electron-${versions.electron}` : `node-${versions.modules}`;
}

/** The addon to load in this runtime, or undefined to let better-sqlite3 find its default. */
export function nativeBindingPath(): string | undefined {
  const explicit = process.env.PASSERELLE_SQLITE_BINDING;
  if (explicit) return explicit;
  const root = findRepoRoot(__dirname) ?? findRepoRoot(process.cwd());
  if (!root) return undefined;
  const candidate = join(root, '.native', runtimeTag(), 'better_sqlite3.node');
  return existsSync(candidate) ? candidate : undefined;
}
