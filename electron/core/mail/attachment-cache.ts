// Attachment bytes fetched on demand, kept in the profile so opening a file again needs
// no IMAP: one file per (account, mailbox, UIDVALIDITY, UID, part), named by a hash of
// that key, bounded in total size with least-recently-used eviction. The index is rebuilt
// from the directory (mtime = last use) on first use, so it survives restarts.
import { createHash, randomBytes } from 'node:crypto';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

export const ATTACHMENT_CACHE_DIR = 'attachments-cache';
export const DEFAULT_CACHE_BYTES = 256 * 1024 * 1024;

export interface AttachmentCacheKey {
  accountId: string;
  mailbox: string;
  uidValidity: string;
  uid: number;
  partId: string;
}

export class AttachmentCache {
  /** File name → size, least recently used first (Map keeps insertion order). */
  private index: Map<string, number> | null = null;
  private total = 0;

  constructor(
    readonly dir: string,
    readonly maxBytes = DEFAULT_CACHE_BYTES,
  ) {}

  static fileName(key: AttachmentCacheKey): string {
    const text = [key.accountId, key.mailbox, key.uidValidity, key.uid, key.partId].join('\u0000');
    return createHash('sha256').update(text).digest('hex');
  }

  /** Bytes currently held. */
  get size(): number {
    this.load();
    return this.total;
  }

  get(key: AttachmentCacheKey): Buffer | null {
    const index = this.load();
    const name = AttachmentCache.fileName(key);
    if (!index.has(name)) return null;
    try {
      const data = readFileSync(join(this.dir, name));
      const now = new Date();
      utimesSync(join(this.dir, name), now, now);
      this.touch(name, data.length);
      return data;
    } catch {
      this.forget(name); // removed behind our back
      return null;
    }
  }

  put(key: AttachmentCacheKey, data: Buffer): void {
    if (data.length > this.maxBytes) return;
    const index = this.load();
    const name = AttachmentCache.fileName(key);
    this.forget(name);
    while (this.total + data.length > this.maxBytes && index.size) {
      this.forget(index.keys().next().value!, true);
    }
    // Written aside then renamed: a crash never leaves a short file under the real name.
    const temp = join(this.dir, `.${name}.${randomBytes(4).toString('hex')}.tmp`);
    writeFileSync(temp, data, { mode: 0o600 });
    renameSync(temp, join(this.dir, name));
    this.touch(name, data.length);
  }

  private touch(name: string, size: number): void {
    const index = this.load();
    this.total -= index.get(name) ?? 0;
    index.delete(name);
    index.set(name, size);
    this.total += size;
  }

  private forget(name: string, removeFile = false): void {
    const index = this.load();
    const size = index.get(name);
    if (size === undefined) return;
    index.delete(name);
    this.total -= size;
    if (removeFile) rmSync(join(this.dir, name), { force: true });
  }

  private load(): Map<string, number> {
    if (this.index) return this.index;
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const files: { name: string; size: number; used: number }[] = [];
    for (const name of readdirSync(this.dir)) {
      const path = join(this.dir, name);
      if (!/^[0-9a-f]{64}$/.test(name)) {
        if (name.endsWith('.tmp')) rmSync(path, { force: true }); // left by a crash
        continue;
      }
      const stat = statSync(path, { throwIfNoEntry: false });
      if (stat?.isFile()) files.push({ name, size: stat.size, used: stat.mtimeMs });
    }
    files.sort((a, b) => a.used - b.used);
    this.index = new Map(files.map((f) => [f.name, f.size]));
    this.total = files.reduce((sum, f) => sum + f.size, 0);
    // The bound may have shrunk since the files were written.
    while (this.total > this.maxBytes && this.index.size) {
      this.forget(this.index.keys().next().value!, true);
    }
    return this.index;
  }
}
