// Attachment content on demand: the body sync lists attachments but leaves their bytes on
// the server. A request fetches one part over IMAP (BODY.PEEK[part], the transfer
// encoding removed, text left as sent) in a short session of its own, and keeps it in the
// profile's attachment cache, so opening it again needs no network.
import type { Readable } from 'node:stream';
import type { Db } from '../db/connection';
import { stmt } from '../db/statements';
import { CoreError } from '../errors';
import { ServerRefusal, withImapSession, type ImapAccess } from './actions/session';
import type { AttachmentCache, AttachmentCacheKey } from './attachment-cache';
import { readTnef } from './tnef';

export interface AttachmentContent {
  filename: string | null;
  contentType: string;
  size: number;
  data: Buffer;
}

export interface AttachmentFetchDeps {
  db: Db;
  cache: AttachmentCache;
  access: (accountId: string) => Promise<ImapAccess>;
  /** Larger files are refused (before any download when the listed size says so). */
  maxBytes: number;
  /** Tells the user what to do instead when a file is over maxBytes. */
  tooLargeHint: string;
}

interface Located {
  filename: string | null;
  content_type: string;
  size: number;
  part_id: string | null;
  tnef_index: number | null;
  uid: number;
  account_id: string;
  path: string;
  uid_validity: string | null;
}

const MB = 1024 * 1024;

function megabytes(bytes: number): string {
  return `${(bytes / MB).toFixed(bytes < 10 * MB ? 1 : 0)} MB`;
}

/** `size` null: over the cap, by how much is unknown (the download was cut there). */
function tooLarge(deps: AttachmentFetchDeps, name: string, size: number | null): CoreError {
  const is = size === null ? 'is larger than' : `is ${megabytes(size)}, more than`;
  return new CoreError(
    'too-large',
    `"${name}" ${is} the ${megabytes(deps.maxBytes)} that can be opened here. ${deps.tooLargeHint}`,
  );
}

async function readCapped(stream: Readable, max: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    total += (chunk as Buffer).length;
    if (total > max) {
      stream.destroy();
      return null;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function locate(db: Db, messageId: string, attachmentId: string): Located {
  const row = stmt(
    db,
    `SELECT a.filename, a.content_type, a.size, a.part_id, a.tnef_index, m.uid, m.account_id, mb.path,
            mb.uid_validity
       FROM attachments a JOIN messages m ON m.id = a.message_id
       JOIN mailboxes mb ON mb.id = m.mailbox_id
      WHERE a.id = ? AND a.message_id = ?`,
  ).get(Number(attachmentId), Number(messageId)) as Located | undefined;
  if (!row) throw new CoreError('not-found', 'No such attachment: the message may have moved.');
  return row;
}

/** Many images of one message, a Save meanwhile: the same part is downloaded once. */
const inFlight = new Map<string, Promise<Buffer>>();

export async function getAttachmentContent(
  deps: AttachmentFetchDeps,
  messageId: string,
  attachmentId: string,
): Promise<AttachmentContent> {
  const row = locate(deps.db, messageId, attachmentId);
  const name = row.filename ?? 'This attachment';
  if (row.part_id === null) {
    throw new CoreError(
      'not-found',
      `"${name}" is inside a forwarded message: save the forwarded message instead.`,
    );
  }
  const key: AttachmentCacheKey = {
    accountId: row.account_id,
    mailbox: row.path,
    uidValidity: row.uid_validity ?? '',
    uid: row.uid,
    partId: row.part_id,
  };
  // The cache and the download hold the whole part; a file of a winmail.dat is taken out of it.
  const done = (part: Buffer): AttachmentContent => {
    const data = row.tnef_index === null ? part : tnefFile(part, row.tnef_index, name);
    return { filename: row.filename, contentType: row.content_type, size: data.length, data };
  };
  const cached = deps.cache.get(key);
  if (cached) {
    if (cached.length > deps.maxBytes) throw tooLarge(deps, name, cached.length);
    return done(cached);
  }
  if (row.size > deps.maxBytes) throw tooLarge(deps, name, row.size);

  const flightKey = JSON.stringify(key);
  let pending = inFlight.get(flightKey);
  if (!pending) {
    pending = download(deps, row, key).finally(() => inFlight.delete(flightKey));
    inFlight.set(flightKey, pending);
  }
  const data = await pending;
  if (data.length > deps.maxBytes) throw tooLarge(deps, name, data.length);
  return done(data);
}

function tnefFile(part: Buffer, index: number, name: string): Buffer {
  try {
    const file = readTnef(part).files[index];
    if (file) return Buffer.from(file.data.buffer, file.data.byteOffset, file.data.byteLength);
  } catch {
    // Not TNEF any more: the message changed on the server since it was listed.
  }
  throw new CoreError('not-found', `"${name}" could not be taken out of its winmail.dat.`);
}

async function download(
  deps: AttachmentFetchDeps,
  row: Located,
  key: AttachmentCacheKey,
): Promise<Buffer> {
  const name = row.filename ?? 'This attachment';
  let data: Buffer | null;
  try {
    data = await withImapSession(await deps.access(row.account_id), async (client) => {
      const lock = await client.getMailboxLock(row.path, { readOnly: true });
      try {
        const validity = client.mailbox ? String(client.mailbox.uidValidity) : null;
        if (row.uid_validity !== null && validity !== null && validity !== row.uid_validity) {
          throw new ServerRefusal('The folder was reset on the server since the last sync.');
        }
        const part = await client.download(String(row.uid), row.part_id!, {
          uid: true,
          decodeText: false,
        });
        if (!part.content) throw new ServerRefusal('The message is no longer on the server.');
        // One byte over the cap is enough to refuse it; the rest is never read.
        return await readCapped(part.content, deps.maxBytes);
      } finally {
        lock.release();
      }
    });
  } catch (error) {
    if (error instanceof CoreError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new CoreError(
      error instanceof ServerRefusal ? 'not-found' : 'unavailable',
      `Could not download "${name}": ${reason}`,
    );
  }
  if (data === null) throw tooLarge(deps, name, null);
  deps.cache.put(key, data);
  return data;
}
