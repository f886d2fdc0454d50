// How Passerelle bundles its Node entry points with esbuild (tsx's own dependency): the
// CLI and its store worker (bin/passerelle.mjs), and the store worker the specs build.
// Packages stay external, so the output must live inside the checkout to find node_modules.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Bundles each named entry to `<outdir>/<name>.cjs` for this Node version. */
export function bundleNodeEntries(entryPoints, outdir) {
  const esbuild = createRequire(require.resolve('tsx/package.json'))('esbuild');
  esbuild.buildSync({
    entryPoints,
    outdir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    packages: 'external',
    target: `node${process.versions.node.split('.')[0]}`,
    logLevel: 'silent',
  });
}
