#!/usr/bin/env node
// Prepares what `npm install` deliberately skipped (see .npmrc): better-sqlite3's native
// addon for the runtime that will load it, and Electron's own binary.
//
// Each runtime gets its own copy of the addon under .native/<runtime>-<abi>/, and the core
// opens SQLite with that file (electron/core/db/native-binding.ts). So `npm test` (Node)
// and `npm start` (Electron) work in any order without rebuilding back and forth.
//
//   node scripts/prepare.mjs node       -> exit 0 when the Node build is ready
//   node scripts/prepare.mjs electron   -> exit 0 when Electron and its build are ready,
//                                          exit 3 when the Electron runtime is unavailable
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const ELECTRON_UNAVAILABLE = 3;

function log(message) {
  process.stderr.write(`[prepare] ${message}\n`);
}

function builtAddon() {
  return join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
}

function nativeDir(runtime, abi) {
  return join(root, '.native', `${runtime}-${abi}`);
}

/** Rebuilds better-sqlite3 with npm's own machinery, then keeps a copy for this runtime. */
function buildAddon(runtime, abi, extraArgs, env) {
  const target = join(nativeDir(runtime, abi), 'better_sqlite3.node');
  if (existsSync(target)) return true;
  log(`building better-sqlite3 for ${runtime} (ABI ${abi}); this takes about a minute once`);
  const result = spawnSync(
    npm,
    ['rebuild', 'better-sqlite3', '--ignore-scripts=false', '--foreground-scripts', ...extraArgs],
    { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } },
  );
  if (result.status !== 0 || !existsSync(builtAddon())) {
    log(`could not build better-sqlite3 for ${runtime}`);
    return false;
  }
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(builtAddon(), target);
  return true;
}

function prepareNode() {
  if (!buildAddon('node', process.versions.modules, [], {})) process.exit(1);
  const nodeCopy = join(nativeDir('node', process.versions.modules), 'better_sqlite3.node');
  // Tools that load better-sqlite3's default path under Node (the bench's bare baseline,
  // ad-hoc scripts) find Node's build there too, even after an Electron build.
  if (!existsSync(builtAddon())) {
    mkdirSync(dirname(builtAddon()), { recursive: true });
    copyFileSync(nodeCopy, builtAddon());
  }
  // Prove the copy loads in this runtime rather than discovering it in the first test.
  const Database = require('better-sqlite3');
  const db = new Database(':memory:', {
    nativeBinding: join(nativeDir('node', process.versions.modules), 'better_sqlite3.node'),
  });
  db.close();
}

/** The Electron binary's path when it is installed. Reads path.txt directly: requiring the
 * electron package would start a download of its own, with its output, when it is missing. */
function electronBinaryPath() {
  const packageDir = join(root, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

function ensureElectronBinary() {
  if (electronBinaryPath()) return true;
  log('Electron runtime missing; running its installer');
  const installer = join(root, 'node_modules', 'electron', 'install.js');
  if (!existsSync(installer)) return false;
  const result = spawnSync(process.execPath, [installer], {
    cwd: join(root, 'node_modules', 'electron'),
    encoding: 'utf8',
    timeout: 5 * 60_000,
  });
  if (result.status === 0 && electronBinaryPath() !== null) return true;
  // The installer's stack trace helps nobody here; keep its last line as the reason.
  const output = `${result.stderr ?? ''}\n${result.stdout ?? ''}`.trim().split('\n');
  const reason =
    output.filter((line) => /error|fail/i.test(line))[0] ?? output.pop() ?? 'no output';
  log(`Electron's installer failed (${reason.trim().slice(0, 160)})`);
  return false;
}

function prepareElectron() {
  if (!ensureElectronBinary()) process.exit(ELECTRON_UNAVAILABLE);
  const version = JSON.parse(
    readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8'),
  ).version;
  const built = buildAddon('electron', version, [], {
    npm_config_runtime: 'electron',
    npm_config_target: version,
    npm_config_disturl: 'https://electronjs.org/headers',
  });
  if (!built) process.exit(ELECTRON_UNAVAILABLE);
  // The last rebuild left an Electron addon in build/Release; keep Node's copy in place
  // there too so tools that load the default path under Node (none of ours) still work.
  const nodeCopy = join(nativeDir('node', process.versions.modules), 'better_sqlite3.node');
  if (existsSync(nodeCopy)) copyFileSync(nodeCopy, builtAddon());
}

const runtime = process.argv[2];
if (runtime === 'node') prepareNode();
else if (runtime === 'electron') prepareElectron();
else {
  log('usage: node scripts/prepare.mjs node|electron');
  process.exit(2);
}
