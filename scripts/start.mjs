#!/usr/bin/env node
// `npm start`: the desktop app when Electron can run here, otherwise browser mode.
// Dependencies install without scripts (see .npmrc), so this prepares what it needs.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const ELECTRON_UNAVAILABLE = 3;

/** Runs a step to completion; stops `npm start` if it fails. */
function step(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Runs the app in the foreground, forwarding Ctrl-C / kill, and exits with its code. */
function run(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (!child.killed) child.kill(signal);
    });
  }
  child.on('exit', (code, signal) =>
    process.exit(code ?? (signal ? 128 + signalNumber(signal) : 1)),
  );
}

function signalNumber(signal) {
  return { SIGINT: 2, SIGTERM: 15 }[signal] ?? 1;
}

const electronVite = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
const prepared = spawnSync(process.execPath, [join(root, 'scripts', 'prepare.mjs'), 'electron'], {
  cwd: root,
  stdio: 'inherit',
});

if (prepared.status === 0) {
  step(process.execPath, [electronVite, 'build']);
  run(require('electron'), [root]); // the electron package resolves to its binary's path
} else if (prepared.status === ELECTRON_UNAVAILABLE) {
  console.log(
    'Passerelle: the Electron runtime is missing here, so browser mode is being served instead.',
  );
  step(process.execPath, [join(root, 'scripts', 'prepare.mjs'), 'node']);
  step(process.execPath, [electronVite, 'build']);
  run(process.execPath, [join(root, 'bin', 'passerelle.mjs'), 'serve']);
} else {
  process.exit(prepared.status ?? 1);
}
