// UID STORE +FLAGS / -FLAGS (RFC 3501 §6.4.6) for read, flag and junk keywords. Adding a
// flag that is set, or removing one that is not, is a no-op: replays are harmless.
import type { ImapFlow } from 'imapflow';
import { uidSet } from '../uid-set';
import { checkResult } from './session';

export async function storeFlags(
  client: ImapFlow,
  path: string,
  uids: number[],
  add: string[],
  remove: string[],
): Promise<void> {
  if (uids.length === 0) return;
  const lock = await client.getMailboxLock(path, { description: `store flags ${path}` });
  try {
    // Ranges, not every UID: thousands of messages still fit a command line.
    const range = uidSet(uids);
    if (add.length > 0) {
      checkResult(
        client,
        await client.messageFlagsAdd(range, add, { uid: true }),
        `set ${add.join(' ')} in ${path}`,
      );
    }
    if (remove.length > 0) {
      checkResult(
        client,
        await client.messageFlagsRemove(range, remove, { uid: true }),
        `clear ${remove.join(' ')} in ${path}`,
      );
    }
  } finally {
    lock.release();
  }
}
