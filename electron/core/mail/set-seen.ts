// The remote half of "mark read": set or clear \Seen (RFC 3501 §6.4.6 UID STORE).
// The outbox task around it (local effect, retries, rollback) lives with the core.
import type { ImapFlow } from 'imapflow';

export async function setSeenOnClient(
  client: ImapFlow,
  path: string,
  uid: number,
  seen: boolean,
): Promise<void> {
  const lock = await client.getMailboxLock(path, { description: `setSeen ${path}` });
  try {
    // Idempotent: adding a flag that is set (or removing one that is not) is a no-op.
    if (seen) await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
    else await client.messageFlagsRemove(String(uid), ['\\Seen'], { uid: true });
  } finally {
    lock.release();
  }
}
