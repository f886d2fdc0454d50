// The public MIME corpus, read in place from ../shared (never copied into the repo).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const MIME_CORPUS = join(repoRoot, '..', 'shared', 'corpora', 'mime');

/** Its messages (.eml, .msg, .raw, in every folder) up to `maxBytes`; none without ../shared. */
export function mimeCorpusFiles(maxBytes = Infinity, dir = MIME_CORPUS): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return mimeCorpusFiles(maxBytes, path);
    return /\.(eml|msg|raw)$/.test(name) && statSync(path).size < maxBytes ? [path] : [];
  });
}
