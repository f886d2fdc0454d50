#!/usr/bin/env node
// The `passerelle` command. It runs the TypeScript sources through tsx, so the CLI works
// straight after `npm install`; the SQLite addon for Node is built on first use.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const addon = join(root, '.native', `node-${process.versions.modules}`, 'better_sqlite3.node');
if (!existsSync(addon)) {
  const prepared = spawnSync(process.execPath, [join(root, 'scripts', 'prepare.mjs'), 'node'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (prepared.status !== 0) process.exit(prepared.status ?? 1);
}

const require = createRequire(import.meta.url);
require('tsx/cjs');
const { main } = require('../electron/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
