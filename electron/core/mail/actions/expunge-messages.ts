// Deleting messages for good (STORE \Deleted, then UID EXPUNGE: RFC 3501 §6.4.3, RFC 4315
// §2.1). Nothing can bring them back, so a UID is only expunged while it still names the
// message the user chose: the folder's UIDVALIDITY must be the one the UID was synced
// under, and the message there must carry the Message-ID it had. Without UIDPLUS a plain
// EXPUNGE would also remove what other clients marked \Deleted, so the server must offer it.
import type { ImapFlow } from 'imapflow';
import { uidSet } from '../uid-set';
import { normalizeMessageId } from '../message-mapper';
import { checkResult, ServerRefusal } from './session';

export interface ExpungeItem {
  uid: number;
  messageId: string | null;
}

/** Expunges the items still in the folder as synced; returns the UIDs it removed. */
export async function expungeMessages(
  client: ImapFlow,
  path: string,
  uidValidity: string | null,
  items: ExpungeItem[],
): Promise<number[]> {
  if (items.length === 0) return [];
  if (!client.capabilities.has('UIDPLUS')) {
    throw new ServerRefusal(
      'This server cannot delete chosen messages only (no UIDPLUS); delete them in its webmail.',
    );
  }
  const lock = await client.getMailboxLock(path, { description: `expunge in ${path}` });
  try {
    const mailbox = client.mailbox;
    if (uidValidity !== null && mailbox && String(mailbox.uidValidity) !== uidValidity) {
      throw new ServerRefusal(`The folder "${path}" was reset on the server since the last sync.`);
    }
    const wanted = new Map(items.map((i) => [i.uid, i.messageId]));
    const confirmed: number[] = [];
    const range = uidSet(items.map((i) => i.uid));
    for await (const msg of client.fetch(range, { uid: true, envelope: true }, { uid: true })) {
      const expected = wanted.get(msg.uid);
      if (expected === undefined) continue;
      if (expected === null || normalizeMessageId(msg.envelope?.messageId) === expected) {
        confirmed.push(msg.uid);
      }
    }
    if (confirmed.length > 0) {
      checkResult(
        client,
        await client.messageDelete(uidSet(confirmed), { uid: true }),
        `delete messages in ${path}`,
      );
    }
    return confirmed;
  } finally {
    lock.release();
  }
}

/**
 * Empties a folder (Trash, Junk): every message it holds when asked goes for good.
 * Returns their UIDs, so the store removes those and not mail that arrives afterwards.
 */
export async function emptyFolder(client: ImapFlow, path: string): Promise<number[]> {
  const lock = await client.getMailboxLock(path, { description: `empty ${path}` });
  try {
    const uids = (await client.search({ all: true }, { uid: true })) || [];
    if (uids.length > 0) {
      // 1:highest names exactly the messages found (a UID range matches only UIDs that
      // exist) in a short command however many there are; mail arriving since is above it.
      const highest = uids.reduce((a, b) => Math.max(a, b));
      checkResult(
        client,
        await client.messageDelete(`1:${highest}`, { uid: true }),
        `empty ${path}`,
      );
    }
    return uids;
  } finally {
    lock.release();
  }
}
