// UID MOVE (RFC 6851) from one folder to another, safe to replay: messages no longer in
// the source were moved by an earlier attempt that crashed before recording it, so they
// are found in the destination by Message-ID instead of being moved (or lost) twice.
import type { ImapFlow } from 'imapflow';
import { uidSet } from '../uid-set';
import { checkResult } from './session';

export interface MoveItem {
  uid: number;
  messageId: string | null;
}

/** Moves the items; returns each source UID's UID in the destination, when it can be known. */
export async function moveMessages(
  client: ImapFlow,
  fromPath: string,
  toPath: string,
  items: MoveItem[],
): Promise<Map<number, number | null>> {
  const moved = new Map<number, number | null>();
  if (items.length === 0) return moved;
  const lock = await client.getMailboxLock(fromPath, { description: `move from ${fromPath}` });
  try {
    const found = await client.search({ uid: uidSet(items.map((i) => i.uid)) }, { uid: true });
    const present = found || [];
    if (present.length > 0) {
      const result = checkResult(
        client,
        await client.messageMove(uidSet(present), toPath, { uid: true }),
        `move messages from ${fromPath} to ${toPath}`,
      );
      // COPYUID (RFC 4315 §3) maps source UIDs to destination UIDs when the server offers UIDPLUS.
      for (const uid of present) moved.set(uid, result.uidMap?.get(uid) ?? null);
    }
  } finally {
    lock.release();
  }
  const unresolved = items.filter((i) => moved.get(i.uid) == null && i.messageId);
  if (unresolved.length > 0) {
    for (const [uid, destUid] of await findByMessageId(client, toPath, unresolved)) {
      moved.set(uid, destUid);
    }
  }
  return moved;
}

/** Looks the items up in a folder by their Message-ID header (RFC 3501 §6.4.4 SEARCH HEADER). */
export async function findByMessageId(
  client: ImapFlow,
  path: string,
  items: MoveItem[],
): Promise<Map<number, number | null>> {
  const result = new Map<number, number | null>();
  const lock = await client.getMailboxLock(path, { description: `find in ${path}` });
  try {
    for (const item of items) {
      if (!item.messageId) continue;
      const uids = await client.search({ header: { 'message-id': item.messageId } }, { uid: true });
      result.set(item.uid, uids && uids.length > 0 ? Math.max(...uids) : null);
    }
  } finally {
    lock.release();
  }
  return result;
}

/** APPENDs a message unless one with its Message-ID is already there (a replay, or a server that files sent mail itself). */
export async function appendOnce(
  client: ImapFlow,
  path: string,
  raw: string | Buffer,
  messageId: string,
  flags: string[],
): Promise<'appended' | 'present'> {
  const existing = await findByMessageId(client, path, [{ uid: 0, messageId }]);
  if (existing.get(0) != null) return 'present';
  checkResult(client, await client.append(path, raw, flags), `save a copy in ${path}`);
  return 'appended';
}
