// Handlers of the composer. A draft is saved locally in one transaction and its Drafts-
// folder copy follows through the outbox (one queued upload per draft, which reads the
// latest text when it runs). Sending composes the message from the saved draft, with its
// attachments, and queues it in the outbox after the undo delay or at the chosen time;
// the runner sends it while the core runs, whether or not a window is open.
import type { Handlers } from '../../../shared/contract';
import {
  MAX_ATTACHMENT_BYTES,
  SEND_LATER_PAST_TOLERANCE_MS,
} from '../../../shared/requests/compose';
import type { CoreContext } from '../core-context';
import { listAccounts } from '../db/accounts';
import { suggestContacts } from '../db/contacts';
import {
  addDraftAttachment,
  deleteDraft,
  draftAttachmentBytes,
  draftAttachmentContents,
  getDraftRow,
  listDraftAttachments,
  listDraftRows,
  markDraftSending,
  pruneSentDrafts,
  removeDraftAttachment,
  rowToDraft,
  saveDraft,
  type DraftRow,
} from '../db/drafts';
import { getRseItem } from '../db/rse-items';
import { CoreError } from '../errors';
import { outgoingBody } from '../mail/compose-html';
import { composeMessage } from '../mail/smtp-compose';
import { getSmtpSettings, senderOf } from '../mail/smtp-settings';
import type { DraftPayload } from '../tasks/draft-task';
import type { SendPayload } from '../tasks/send-task';
import { hurryDraftTasks } from '../tasks/task-store';
import type { TaskRunner } from '../tasks/runner';
import { forwardPostDraft } from './compose-forward';
import { requireAccount } from './foundation';
import { outboxes } from './mail-actions';

/** Saves within this window share one upload to the Drafts folder. */
const DRAFT_UPLOAD_DELAY_MS = 2_000;
const YEAR_MS = 366 * 24 * 3600_000;

function mailAccount(ctx: CoreContext, accountId: string) {
  const account = requireAccount(ctx, accountId);
  if (account.kind !== 'imap') {
    throw new CoreError('invalid-params', 'Mail is composed from a mail account.');
  }
  return account;
}

function requireDraft(ctx: CoreContext, id: string): DraftRow {
  const row = getDraftRow(ctx.db, Number(id));
  if (!row) throw new CoreError('not-found', `No draft with id ${id}.`);
  return row;
}

export function composeHandlers(ctx: CoreContext) {
  const { db, writer } = ctx;
  const outbox = (): TaskRunner => {
    const runner = outboxes.get(ctx);
    if (!runner) throw new Error('The outbox is not running.');
    return runner;
  };
  const toDraft = (row: DraftRow) => rowToDraft(row, listDraftAttachments(db, row.id));

  /**
   * Queues the Drafts-folder update unless one for this draft is still waiting (it reads
   * the latest draft when it runs). That one may have been held behind a send since
   * undone: look again now rather than at the send's old due time.
   */
  const syncCopy = (row: Pick<DraftRow, 'id' | 'account_id' | 'draft_key'>) => {
    const waiting = db
      .prepare(
        `SELECT 1 FROM tasks WHERE kind = 'draft' AND state = 'pending' AND account_id = ?
           AND json_extract(payload, '$.draftId') = ?`,
      )
      .get(row.account_id, row.id);
    if (waiting) return outbox().kick();
    const payload: DraftPayload = { draftId: row.id, draftKey: row.draft_key };
    outbox().enqueue(row.account_id, 'draft', payload, DRAFT_UPLOAD_DELAY_MS);
  };

  /** A draft whose message is queued or gone is not edited any more (undo gives it back). */
  const refuseIfSending = (row: DraftRow) => {
    if (row.send_task_id === null) return;
    const task = db.prepare('SELECT state FROM tasks WHERE id = ?').get(row.send_task_id) as
      { state: string } | undefined;
    if (task && task.state !== 'undone') {
      throw new CoreError(
        'conflict',
        'This message is already being sent; undo the send to edit it.',
      );
    }
  };

  return {
    'drafts.save': async (params) => {
      mailAccount(ctx, params.accountId);
      let movedFrom: string | null = null;
      const row = writer.write(() => {
        const existing = params.id ? getDraftRow(db, Number(params.id)) : null;
        // A save arriving after the send (a late debounced one) must not bring back a
        // draft whose message already left: it would reappear in Drafts, stale.
        if (existing) refuseIfSending(existing);
        if (existing && existing.account_id !== params.accountId) movedFrom = existing.account_id;
        return saveDraft(db, existing?.id ?? null, params, new Date().toISOString());
      });
      // Sent from another account now: the copy leaves the Drafts folder of the one before.
      if (movedFrom) syncCopy({ ...row, account_id: movedFrom });
      syncCopy(row);
      return toDraft(row);
    },

    'drafts.list': async ({ accountId }) => {
      writer.write(() => pruneSentDrafts(db));
      return listDraftRows(db, accountId).map(toDraft);
    },

    'drafts.get': async ({ id }) => {
      const row = getDraftRow(db, Number(id));
      return row ? toDraft(row) : null;
    },

    'drafts.remove': async ({ id }) => {
      const row = requireDraft(ctx, id);
      writer.write(() => deleteDraft(db, row.id));
      syncCopy(row);
      return null;
    },

    'drafts.addAttachment': async ({ draftId, filename, contentType, dataBase64 }) => {
      const row = requireDraft(ctx, draftId);
      const content = Buffer.from(dataBase64, 'base64');
      const mb = MAX_ATTACHMENT_BYTES / 1024 / 1024;
      const info = writer.write(() => {
        if (content.length + draftAttachmentBytes(db, row.id) > MAX_ATTACHMENT_BYTES) {
          throw new CoreError(
            'invalid-params',
            `Attachments are limited to ${mb} MB per message; “${filename}” does not fit.`,
          );
        }
        return addDraftAttachment(db, row.id, { filename, contentType, content });
      });
      syncCopy(row);
      return info;
    },

    'drafts.removeAttachment': async ({ draftId, attachmentId }) => {
      const row = requireDraft(ctx, draftId);
      writer.write(() => removeDraftAttachment(db, row.id, Number(attachmentId)));
      syncCopy(row);
      return null;
    },

    'drafts.send': async ({ id, delayMs, sendAt }) => {
      const row = requireDraft(ctx, id);
      const draft = toDraft(row);
      if (draft.to.length + draft.cc.length + draft.bcc.length === 0) {
        throw new CoreError('invalid-params', 'Add at least one recipient.');
      }
      const at = sendAt ? Date.parse(sendAt) : Date.now() + delayMs;
      if (at - Date.now() > YEAR_MS) {
        throw new CoreError('invalid-params', 'Send later is limited to a year ahead.');
      }
      if (sendAt && at < Date.now() - SEND_LATER_PAST_TOLERANCE_MS) {
        throw new CoreError('invalid-params', 'That time has passed: choose a later one.');
      }
      const account = mailAccount(ctx, row.account_id);
      const composed = await composeMessage({
        from: senderOf(db, account),
        to: draft.to,
        cc: draft.cc,
        bcc: draft.bcc,
        subject: draft.subject,
        ...outgoingBody({ text: draft.text, html: draft.html }),
        inReplyTo: draft.inReplyTo ?? undefined,
        references: draft.references,
        attachments: draftAttachmentContents(db, row.id),
      });
      if (!getSmtpSettings(db, row.account_id)) {
        throw new CoreError('invalid-params', 'This account has no SMTP server.');
      }
      // A save of the Drafts copy still waiting runs first (the send waits for it, see
      // task-store.ts), so it should not wait for its debounce; the update queued after
      // the send then removes the copy once the message has left, or keeps it on undo.
      writer.write(() => hurryDraftTasks(db, row.id, Date.now()));
      const payload: SendPayload = { ...composed, subject: draft.subject, draftId: row.id };
      const task = outbox().enqueue(row.account_id, 'send', payload, Math.max(0, at - Date.now()));
      if (!task) throw new Error('The message could not be queued.');
      writer.write(() => markDraftSending(db, row.id, Number(task.id)));
      const copy: DraftPayload = { draftId: row.id, draftKey: row.draft_key };
      outbox().enqueue(row.account_id, 'draft', copy);
      return task;
    },

    'contacts.suggest': async ({ prefix, limit }) => suggestContacts(db, prefix, limit),

    'compose.forwardPost': async ({ postId, accountId, locale, timeZone }) => {
      const post = getRseItem(db, postId);
      if (!post || post.kind !== 'post') throw new CoreError('not-found', `No post ${postId}.`);
      const from = accountId
        ? mailAccount(ctx, accountId)
        : listAccounts(db).find((a) => a.kind === 'imap');
      if (!from) throw new CoreError('invalid-params', 'Add a mail account to forward by email.');
      const space = post.space_remote_id
        ? (db
            .prepare('SELECT name FROM rse_spaces WHERE account_id = ? AND remote_id = ?')
            .get(post.account_id, post.space_remote_id) as { name: string } | undefined)
        : undefined;
      return forwardPostDraft(from.id, post, space?.name ?? null, { locale, timeZone });
    },
  } satisfies Partial<Handlers>;
}
