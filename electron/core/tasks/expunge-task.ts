// Delete forever, from Trash or Junk. Unlike the other actions the store changes only
// once the server has expunged the messages: a deletion cannot be rolled back, and a row
// removed early could not be restored if the server refused. The list hides the rows at
// once on its side and shows them again if the task fails.
import type { Db } from '../db/connection';
import { removeByUid } from '../db/remove-messages';
import { expungeMessages } from '../mail/actions/expunge-messages';
import { withImapSession, type ImapAccess } from '../mail/actions/session';
import type { RemoteContext, TaskKind } from './task-kind';

export interface ExpungeInput {
  messageIds: number[];
  label: string;
}

interface Doomed {
  id: number;
  uid: number;
  path: string;
  uidValidity: string | null;
  messageId: string | null;
}

export interface ExpungePayload {
  input: ExpungeInput;
  messages: Doomed[];
}

function locate(db: Db, ids: number[]): Doomed[] {
  if (ids.length === 0) return [];
  return db
    .prepare(
      `SELECT m.id, m.uid, mb.path, mb.uid_validity AS uidValidity, m.message_id AS messageId
         FROM messages m JOIN mailboxes mb ON mb.id = m.mailbox_id
        WHERE m.uid > 0 AND m.id IN (${ids.map(() => '?').join(',')})`,
    )
    .all(...ids) as Doomed[];
}

export function expungeTask(
  access: (accountId: string) => Promise<ImapAccess>,
): TaskKind<ExpungeInput, ExpungePayload> {
  return {
    applyLocal(db, input) {
      const messages = locate(db, input.messageIds);
      return messages.length > 0 ? { input, messages } : null;
    },

    async runRemote(payload, ctx: RemoteContext) {
      const byPath = new Map<string, Doomed[]>();
      for (const m of payload.messages) byPath.set(m.path, [...(byPath.get(m.path) ?? []), m]);
      const removed = new Map<string, number[]>();
      await withImapSession(await access(ctx.accountId), async (client) => {
        for (const [path, doomed] of byPath) {
          removed.set(path, await expungeMessages(client, path, doomed[0]!.uidValidity, doomed));
        }
      });
      const left = payload.messages.length - [...removed.values()].flat().length;
      if (left > 0) {
        ctx.log(`[expunge] ${left} message(s) no longer where they were synced; left alone`);
      }
      // By UID in its folder: a row a sync moved meanwhile is not the one the server removed.
      ctx.write((db, deltas) => {
        for (const [path, uids] of removed) removeByUid(db, ctx.accountId, path, uids, deltas);
      });
    },

    // Nothing changed locally before the server acted.
    rollbackLocal() {},

    describe(payload) {
      const n = payload.messages.length;
      return `${payload.input.label} (${n} message${n === 1 ? '' : 's'})`;
    },
  };
}
