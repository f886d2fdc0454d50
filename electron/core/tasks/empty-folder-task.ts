// Empty Trash (or Junk): everything in the folder on the server goes for good, whether
// or not it was synced here, as in any mail client. As with deleting chosen messages,
// the store changes only once the server has expunged (see expunge-task.ts).
import { removeByUid } from '../db/remove-messages';
import { emptyFolder } from '../mail/actions/expunge-messages';
import { withImapSession, type ImapAccess } from '../mail/actions/session';
import type { RemoteContext, TaskKind } from './task-kind';

export interface EmptyFolderInput {
  path: string;
  /** "Empty Trash" for the task list. */
  label: string;
}

export interface EmptyFolderPayload {
  input: EmptyFolderInput;
}

export function emptyFolderTask(
  access: (accountId: string) => Promise<ImapAccess>,
): TaskKind<EmptyFolderInput, EmptyFolderPayload> {
  return {
    applyLocal: (_db, input) => ({ input }),

    async runRemote(payload, ctx: RemoteContext) {
      const { path } = payload.input;
      const uids = await withImapSession(await access(ctx.accountId), (client) =>
        emptyFolder(client, path),
      );
      ctx.write((db, deltas) => removeByUid(db, ctx.accountId, path, uids, deltas));
    },

    // Nothing changed locally before the server acted.
    rollbackLocal() {},

    describe: (payload) => payload.input.label,
  };
}
