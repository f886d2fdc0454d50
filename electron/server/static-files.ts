// Serves the built renderer (out/renderer). Paths are resolved inside the root only (by
// name and, through symbolic links, for real); unknown routes fall back to index.html so
// the single-page app can route.
import { readFile, realpath, stat } from 'node:fs/promises';
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

/**
 * Refuses rather than resolves anything that looks like traversal, whatever its encoding:
 * a '.', '..' or empty segment, a backslash, a NUL, or a '%' left after decoding (double
 * encoding).
 * The built renderer has no such names, so nothing legitimate is lost.
 */
function isPlainPath(decoded: string): boolean {
  if (!decoded.startsWith('/') || /[\\\0%]|\/\//.test(decoded)) return false;
  return decoded.split('/').every((segment) => segment !== '.' && segment !== '..');
}

/** The real root, resolved once per root (it does not move while the server runs). */
const realRoots = new Map<string, Promise<string>>();

/** The real path of `path` (already inside `root` by name) if it is a file really inside. */
async function realFileInside(root: string, path: string): Promise<string | null> {
  let realRoot = realRoots.get(root);
  if (!realRoot) {
    realRoot = realpath(root);
    realRoots.set(root, realRoot);
    realRoot.catch(() => realRoots.delete(root)); // not built yet: look again next time
  }
  const [base, real] = await Promise.all([realRoot, realpath(path)]);
  return real.startsWith(base + sep) && (await stat(real)).isFile() ? real : null;
}

/** `urlPath` is the path exactly as the request sent it (still percent-encoded). */
export async function readStaticFile(root: string, urlPath: string): Promise<StaticFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (!isPlainPath(decoded)) return null;
  const candidate = normalize(join(root, decoded));
  if (candidate !== root && !candidate.startsWith(root + sep)) return null;
  // Routes without an extension are the app's own; a missing asset is a plain 404.
  const candidates = extname(candidate) ? [candidate] : [candidate, join(root, 'index.html')];
  for (const path of candidates) {
    try {
      // Symbolic links are followed only when they stay inside the root; the file read is
      // the one checked.
      const real = await realFileInside(root, path);
      if (real) {
        return {
          body: await readFile(real),
          contentType: CONTENT_TYPES[extname(path)] ?? 'application/octet-stream',
        };
      }
    } catch {
      // try the next candidate
    }
  }
  return null;
}
