// Keeps the account's Drafts folder in step with a local draft. The task carries only
// the draft's id and key and reads the draft when it runs, so many saves in a row need
// one upload of the latest text; a send queues one more, which runs once the message
// has left (see the ordering in task-store.ts). Each copy carries X-Passerelle-Draft:
// <key>; the step APPENDs the new copy first and then deletes every other copy with that
// key, which makes it idempotent (a crash in between leaves an extra copy the replay
// removes) and never leaves the folder without the draft. A draft deleted, sent or moved
// to another account has its copies removed (from the account it left). Reads only: the
// local draft is the source of truth.
import type { ImapFlow } from 'imapflow';
import { draftAttachmentContents, getDraftRow, type DraftRow } from '../db/drafts';
import type { Db } from '../db/connection';
import { checkResult, withImapSession, type ImapAccess } from '../mail/actions/session';
import { ensureRoleFolder, findRoleFolder } from '../mail/actions/special-use';
import { outgoingBody } from '../mail/compose-html';
import { composeMessage } from '../mail/smtp-compose';
import type { TaskKind } from './task-kind';

export const DRAFT_HEADER = 'X-Passerelle-Draft';

export interface DraftPayload {
  draftId: number;
  draftKey: string;
  /** Filled by the remote step: what the folder holds now. */
  uploaded?: 'copy' | 'removed';
}

/**
 * The draft to upload to this account, or null when its copies should go: deleted, moved
 * to another account (the user changed its From), or its message has left (or sits in the
 * outbox after a refusal). While the send waits for its undo window or its time, the copy
 * stays: an undo gives back a draft that is still in the folder.
 */
function wanted(db: Db, payload: DraftPayload, accountId: string): DraftRow | null {
  const row = getDraftRow(db, payload.draftId);
  if (!row || row.draft_key !== payload.draftKey || row.account_id !== accountId) return null;
  if (row.send_task_id === null) return row;
  const task = db.prepare('SELECT state FROM tasks WHERE id = ?').get(row.send_task_id) as
    { state: string } | undefined;
  return task && ['undone', 'pending', 'running'].includes(task.state) ? row : null;
}

async function removeCopies(client: ImapFlow, path: string, key: string, keepUid?: number) {
  const lock = await client.getMailboxLock(path, { description: `replace draft in ${path}` });
  try {
    const uids = (await client.search({ header: { [DRAFT_HEADER]: key } }, { uid: true })) || [];
    const stale = uids.filter((uid) => uid !== keepUid);
    if (stale.length > 0) {
      checkResult(
        client,
        await client.messageDelete(stale, { uid: true }),
        'remove an old draft copy',
      );
    }
  } finally {
    lock.release();
  }
}

export function draftTask(
  imap: (accountId: string) => Promise<ImapAccess>,
  fromOf: (accountId: string) => string,
): TaskKind<DraftPayload, DraftPayload> {
  return {
    applyLocal: (_db, input) => input,

    async runRemote(payload, ctx) {
      const row = wanted(ctx.db, payload, ctx.accountId);
      const message = row
        ? await composeMessage({
            from: fromOf(row.account_id),
            to: JSON.parse(row.to_json) as string[],
            cc: JSON.parse(row.cc_json) as string[],
            bcc: [],
            subject: row.subject,
            ...outgoingBody({ text: row.body_text, html: row.body_html }),
            inReplyTo: row.in_reply_to ?? undefined,
            references: JSON.parse(row.refs) as string[],
            attachments: draftAttachmentContents(ctx.db, row.id),
            headers: { [DRAFT_HEADER]: payload.draftKey },
          })
        : null;
      return await withImapSession(await imap(ctx.accountId), async (client) => {
        if (!message) {
          const path = await findRoleFolder(client, 'drafts');
          if (path) await removeCopies(client, path, payload.draftKey);
          return { ...payload, uploaded: 'removed' as const };
        }
        const path = await ensureRoleFolder(client, 'drafts');
        const appended = checkResult(
          client,
          await client.append(path, message.raw, ['\\Draft', '\\Seen']),
          `save the draft in ${path}`,
        );
        // Without UIDPLUS the new copy's uid is unknown: find it by its fresh Message-ID.
        let keep = appended.uid;
        if (keep === undefined) {
          const lock = await client.getMailboxLock(path);
          try {
            const found = await client.search(
              { header: { 'message-id': message.messageId } },
              { uid: true },
            );
            keep = found && found.length > 0 ? Math.max(...found) : undefined;
          } finally {
            lock.release();
          }
        }
        await removeCopies(client, path, payload.draftKey, keep);
        return { ...payload, uploaded: 'copy' as const };
      });
    },

    rollbackLocal: () => undefined,

    describe(payload) {
      return payload.uploaded === 'removed'
        ? 'Remove a draft from the Drafts folder'
        : 'Save a draft in the Drafts folder';
    },
  };
}
