// Builds the store worker (electron/core/db/store-worker.ts) as bin/passerelle.mjs does,
// for specs and benchmarks that run the core from its sources. The output goes inside the
// repository so its external packages resolve from node_modules.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Builds into out/<name>-<pid>/ and returns the script's path; the caller removes the folder. */
export function buildStoreWorker(name: string): { script: string; dir: string } {
  const dir = join(ROOT, 'out', `${name}-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const esbuild = createRequire(require.resolve('tsx/package.json'))('esbuild') as {
    buildSync(options: object): void;
  };
  esbuild.buildSync({
    entryPoints: { 'store-worker': join(ROOT, 'electron', 'core', 'db', 'store-worker.ts') },
    outdir: dir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    packages: 'external',
    target: `node${process.versions.node.split('.')[0]}`,
    logLevel: 'silent',
  });
  return { script: join(dir, 'store-worker.cjs'), dir };
}
