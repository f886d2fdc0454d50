// Runs @doyensec/electronegativity over one folder with no network access and prints
// its findings as JSON. Out of the box the tool fetches translations (from S3) on every
// run and Electron's release list (from GitHub) for AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK;
// neither may happen here. So: that check is excluded, the HTTP client it uses ('got') is
// replaced by one that refuses, and any socket to a non-loopback address throws. The
// spec (test/integration/electronegativity.spec.ts) also runs this under `unshare -n`
// and strace to prove no connection leaves the machine.
'use strict';
const Module = require('node:module');
const net = require('node:net');
const path = require('node:path');

const refusal = () => Promise.reject(new Error('network disabled for electronegativity'));
const offlineGot = Object.assign(refusal, { head: refusal, get: refusal, post: refusal });
const originalLoad = Module._load;
Module._load = function load(request, ...rest) {
  if (request === 'got') return offlineGot;
  return originalLoad.call(this, request, ...rest);
};

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function connect(...args) {
  const options = typeof args[0] === 'object' && args[0] !== null ? args[0] : {};
  const host = typeof args[0] === 'object' ? options.host : args[1];
  const loopback = host === undefined || host === 'localhost' || /^(127\.|::1$)/.test(host);
  if (options.path === undefined && !loopback) {
    throw new Error(`electronegativity tried to connect to ${String(host)}`);
  }
  return originalConnect.apply(this, args);
};

// AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK, named by its class as the tool expects.
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

async function main() {
  const [input, electronVersion] = process.argv.slice(2);
  if (!input) throw new Error('usage: run-electronegativity.cjs <folder> [electron version]');
  const run = require('@doyensec/electronegativity/dist/runner.js');
  const result = await run(
    {
      input: path.resolve(input),
      excludeFromScan: EXCLUDED_CHECKS.map((name) => name.toLowerCase()),
      customScan: [],
      electronVersionOverride: electronVersion,
      parserPlugins: [],
      isRelative: true,
      isVerbose: false,
    },
    false,
  );
  const issues = result.issues.map((issue) => ({
    id: issue.id,
    file: issue.file,
    line: issue.location.line,
    column: issue.location.column,
    severity: issue.severity.name,
    confidence: issue.confidence.name,
    manualReview: !!issue.manualReview,
    sample: String(issue.sample ?? '').slice(0, 200),
  }));
  // The tool logs to stdout too: the result is the line after the marker.
  process.stdout.write(
    `\n@@electronegativity@@\n${JSON.stringify({ globalChecks: result.globalChecks, atomicChecks: result.atomicChecks, issues })}\n`,
  );
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : String(error)}\n`);
  process.exit(1);
});
