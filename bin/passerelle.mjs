#!/usr/bin/env node
// The `passerelle` command. It runs the TypeScript sources, so the CLI works straight after
// `npm install`; the SQLite addon for Node is built on first use.
//
// Start-up: loading the sources through tsx costs about 0.8 s a run. The sources are
// bundled once with esbuild (scripts/node-bundle.mjs) into out/cli/<signature>/main.cjs,
// where the signature covers the path, size and mtime of every source file and folder:
// any edit, checkout, added or removed file gives a new signature, hence a new bundle,
// so a stale one is never run. Bundles are written to a temporary folder and renamed, so
// parallel runs never load half a file. If bundling fails for any reason, or with
// PASSERELLE_TSX=1 (readable stack traces), the sources run through tsx as before.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleNodeEntries } from '../scripts/node-bundle.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const addon = join(root, '.native', `node-${process.versions.modules}`, 'better_sqlite3.node');
if (!existsSync(addon)) {
  const prepared = spawnSync(process.execPath, [join(root, 'scripts', 'prepare.mjs'), 'node'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (prepared.status !== 0) process.exit(prepared.status ?? 1);
}

const require = createRequire(import.meta.url);
const SOURCES = ['electron', 'shared'];
const BUNDLES = join(root, 'out', 'cli');

/** Path, size and mtime of every source file and folder the CLI can import. */
function sourceSignature() {
  const hash = createHash('sha256').update(`node${process.versions.node.split('.')[0]}\n`);
  const walk = (dir) => {
    const info = statSync(dir);
    hash.update(`${dir}\0${info.mtimeMs}\n`);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|js|mjs|cjs|json)$/.test(entry.name)) {
        const file = statSync(path);
        hash.update(`${path}\0${file.size}\0${file.mtimeMs}\n`);
      }
    }
  };
  for (const dir of SOURCES) walk(join(root, dir));
  return hash.digest('hex').slice(0, 16);
}

/** The bundled CLI for the current sources, built if needed; null to use tsx instead. */
function bundledMain() {
  if (process.env.PASSERELLE_TSX === '1') return null;
  let temporary = null;
  try {
    // One folder per signature: the CLI and the store worker it starts (a second thread
    // for catch-ups, electron/core/db/store-offload.ts), built together.
    const dir = join(BUNDLES, sourceSignature());
    const mainFile = join(dir, 'main.cjs');
    if (!existsSync(mainFile)) {
      mkdirSync(BUNDLES, { recursive: true });
      temporary = `${dir}.${process.pid}.tmp`;
      bundleNodeEntries(
        {
          main: join(root, 'electron', 'cli', 'main.ts'),
          'store-worker': join(root, 'electron', 'core', 'db', 'store-worker.ts'),
        },
        temporary,
      );
      try {
        renameSync(temporary, dir);
      } catch (error) {
        // A parallel run renamed its identical build first: use that one.
        if (!existsSync(mainFile)) throw error;
        rmSync(temporary, { recursive: true, force: true });
      }
      temporary = null;
      // Bundles of earlier sources are never loaded again (a running process that still
      // uses one has loaded its CLI, and runs its catch-ups in-thread if its worker is gone).
      for (const name of readdirSync(BUNDLES)) {
        if (name !== basename(dir) && /^(main-)?[0-9a-f]{16}(\.cjs)?$/.test(name)) {
          rmSync(join(BUNDLES, name), { recursive: true, force: true });
        }
      }
    }
    return require(mainFile).main;
  } catch {
    if (temporary) rmSync(temporary, { recursive: true, force: true });
    return null;
  }
}

let main = bundledMain();
if (!main) {
  require('tsx/cjs');
  ({ main } = require('../electron/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
