// Sending: the composed message waits in the outbox; the remote step hands it to SMTP,
// records that, then files a copy in Sent unless one with its Message-ID is already there
// (a replay, or a server such as Gmail that files sent mail itself). A message that cannot
// be sent stays in the outbox with the reason: it is never rolled back into nothing.
import type { ImapAccess } from '../mail/actions/session';
import { withImapSession } from '../mail/actions/session';
import { appendOnce } from '../mail/actions/move-messages';
import { findRoleFolder } from '../mail/actions/special-use';
import { sendRaw, type Envelope, type SmtpAccess } from '../mail/smtp';
import type { TaskKind } from './task-kind';

export interface SendPayload {
  raw: string;
  messageId: string;
  envelope: Envelope;
  subject: string;
  /** The composer's draft this message was sent from; its Drafts-folder tasks order with it. */
  draftId?: number;
  /** Set once the SMTP server accepted the message, so a replay never sends it twice. */
  smtpDone?: boolean;
  rejected?: string[];
  /** Where the Sent copy stands: APPENDed by us, found there, or no Sent folder. */
  sentCopy?: 'appended' | 'present' | 'no-sent-folder';
}

export function sendTask(
  imap: (accountId: string) => Promise<ImapAccess>,
  smtp: (accountId: string) => Promise<SmtpAccess>,
): TaskKind<SendPayload, SendPayload> {
  return {
    keepOnFailure: true,
    // Never accepted by SMTP: the user may take it back to fix an address and send again.
    // Once accepted, it has left, and cancelling it would let it be sent twice.
    cancelFailed: (payload) => !payload.smtpDone,
    draftOf: (payload) => payload.draftId ?? null,
    applyLocal: (_db, input) => input,

    async runRemote(payload, ctx) {
      let current = payload;
      if (!current.smtpDone) {
        const { rejected } = await sendRaw(
          await smtp(ctx.accountId),
          current.envelope,
          current.raw,
        );
        current = { ...current, smtpDone: true, rejected };
        ctx.save(current);
        if (rejected.length) ctx.log(`recipients refused: ${rejected.join(', ')}`);
      }
      if (!current.sentCopy) {
        const sentCopy = await withImapSession(await imap(ctx.accountId), async (client) => {
          const sent = await findRoleFolder(client, 'sent');
          if (!sent) return 'no-sent-folder' as const;
          return await appendOnce(client, sent, current.raw, current.messageId, ['\\Seen']);
        });
        current = { ...current, sentCopy };
      }
      return current;
    },

    rollbackLocal: () => undefined,

    describe(payload) {
      const to = payload.envelope.to.slice(0, 3).join(', ');
      const more =
        payload.envelope.to.length > 3 ? ` and ${payload.envelope.to.length - 3} more` : '';
      const stage = payload.smtpDone && !payload.sentCopy ? ' (sent; saving the copy in Sent)' : '';
      return `Send “${payload.subject}” to ${to}${more}${stage}`;
    },
  };
}
