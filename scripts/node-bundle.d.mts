/** Bundles each named entry (name → source path) to `<outdir>/<name>.cjs` for this Node version. */
export function bundleNodeEntries(entryPoints: Record<string, string>, outdir: string): void;
