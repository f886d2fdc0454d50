// Serves the built renderer (out/renderer). Paths are resolved inside the root only;
// unknown routes fall back to index.html so the single-page app can route.
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface StaticFile {
  body: Buffer;
  contentType: string;
}

export async function readStaticFile(root: string, urlPath: string): Promise<StaticFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const candidate = normalize(join(root, decoded));
  if (candidate !== root && !candidate.startsWith(root + sep)) return null;
  // Routes without an extension are the app's own; a missing asset is a plain 404.
  const candidates = extname(candidate) ? [candidate] : [candidate, join(root, 'index.html')];
  for (const path of candidates) {
    try {
      if ((await stat(path)).isFile()) {
        return {
          body: await readFile(path),
          contentType: CONTENT_TYPES[extname(path)] ?? 'application/octet-stream',
        };
      }
    } catch {
      // try the next candidate
    }
  }
  return null;
}
