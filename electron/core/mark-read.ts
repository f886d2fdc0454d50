// Read/unread on a thread: the local change first, so the UI answers at once, then
// \Seen on the server for each message that changed. If the server refuses, the local
// change is rolled back so the two never silently disagree.
// (The mail engine's persisted outbox will take over the retrying.)
import type { Writer } from './db/deltas';
import { hasFlag, setMessageFlags } from './db/messages';
import { refreshThreads } from './db/threads';
import { CoreError } from './errors';

interface MessageFlags {
  id: number;
  account_id: string;
  uid: number;
  path: string;
  flags: string;
  thread_id: number;
}

export type SetSeenRemote = (accountId: string, mailbox: string, uid: number) => Promise<void>;

export async function markThreadRead(
  writer: Writer,
  threadId: string,
  read: boolean,
  setSeenRemote: SetSeenRemote,
): Promise<void> {
  const id = Number(threadId);
  const messages = writer.db
    .prepare(
      `SELECT m.id, m.account_id, m.uid, m.flags, m.thread_id, mb.path
       FROM messages m JOIN mailboxes mb ON mb.id = m.mailbox_id WHERE m.thread_id = ?`,
    )
    .all(Number.isSafeInteger(id) ? id : -1) as MessageFlags[];
  if (messages.length === 0) throw new CoreError('not-found', `No thread with id ${threadId}.`);

  const changed = messages.filter(
    (m) => hasFlag(JSON.parse(m.flags) as string[], '\\Seen') !== read,
  );
  const apply = (target: (m: MessageFlags) => string[]) =>
    writer.write((deltas) => {
      for (const message of changed) {
        setMessageFlags(writer.db, message.id, target(message));
        deltas.add('messages', 'update', [message.id]);
      }
      refreshThreads(writer.db, [id], deltas);
    });

  apply((m) => withSeen(JSON.parse(m.flags) as string[], read));
  const failed: MessageFlags[] = [];
  for (const message of changed) {
    try {
      await setSeenRemote(message.account_id, message.path, message.uid);
    } catch {
      failed.push(message);
    }
  }
  if (failed.length > 0) {
    writer.write((deltas) => {
      for (const message of failed) {
        setMessageFlags(writer.db, message.id, JSON.parse(message.flags) as string[]);
        deltas.add('messages', 'update', [message.id]);
      }
      refreshThreads(writer.db, [id], deltas);
    });
    throw new CoreError(
      'unavailable',
      `The server did not accept the change for ${failed.length} message(s); they are shown as before.`,
    );
  }
}

function withSeen(flags: string[], seen: boolean): string[] {
  const others = flags.filter((f) => f.toLowerCase() !== '\\seen');
  return seen ? [...others, '\\Seen'] : others;
}
