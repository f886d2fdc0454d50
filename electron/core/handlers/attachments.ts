// Handlers of attachment content (shared/requests/attachments.ts). The cache lives in the
// profile; browser mode caps each file at what its WebSocket carries comfortably, and
// the desktop app (IPC) and the CLI at a larger bound that still keeps memory in check.
// A calendar part is also read as an invitation, and answered (an iTIP REPLY through
// mail.send, so the outbox and its retries carry it like any message).
import { join } from 'node:path';
import type { Handlers } from '../../../shared/contract';
import type { ImapSettings } from '../../../shared/domain';
import {
  ATTACHMENT_BROWSER_MAX_BYTES,
  type InviteAnswer,
} from '../../../shared/requests/attachments';
import { SendParams } from '../../../shared/requests/mail-actions';
import type { CoreContext } from '../core-context';
import { secretKeyFor } from '../db/accounts';
import { stmt } from '../db/statements';
import { tokenSourceFor } from './imap-credentials';
import { CoreError } from '../errors';
import { AttachmentCache, ATTACHMENT_CACHE_DIR } from '../mail/attachment-cache';
import { getAttachmentContent, type AttachmentFetchDeps } from '../mail/attachment-fetch';
import { readInvite } from '../mail/calendar-invite';
import { buildInviteReply } from '../mail/invite-reply';
import { bareAddresses } from '../mail/smtp-compose';
import { senderOf } from '../mail/smtp-settings';
import { requireAccount } from './foundation';

/** An invitation is a few kilobytes; anything this large is not one worth reading. */
const INVITE_MAX_BYTES = 2 * 1024 * 1024;

/** Desktop and CLI: the content still travels as one message, so it is bounded too. */
export const ATTACHMENT_DESKTOP_MAX_BYTES = 200 * 1024 * 1024;

export interface AttachmentHandlerOptions {
  /** Test hook: the cache's bound in bytes. */
  cacheBytes?: number;
}

/** The account a stored message came to. */
function messageAccount(ctx: CoreContext, messageId: string): string {
  const row = stmt(ctx.db, 'SELECT account_id FROM messages WHERE id = ?').get(
    Number(messageId),
  ) as { account_id: string } | undefined;
  if (!row) throw new CoreError('not-found', `No message with id ${messageId}.`);
  return row.account_id;
}

/** What an answer says, in its subject and text (English, as the organiser's calendar shows it). */
const ANSWER_WORDS: Record<InviteAnswer, { subject: string; verb: string }> = {
  ACCEPTED: { subject: 'Accepted', verb: 'accepted' },
  DECLINED: { subject: 'Declined', verb: 'declined' },
  TENTATIVE: { subject: 'Tentatively accepted', verb: 'tentatively accepted' },
};

export function attachmentHandlers(
  ctx: CoreContext,
  handlers: () => Handlers,
  options: AttachmentHandlerOptions = {},
) {
  const browser = ctx.options.mode === 'browser';
  const deps: AttachmentFetchDeps = {
    db: ctx.db,
    cache: new AttachmentCache(join(ctx.profileDir, ATTACHMENT_CACHE_DIR), options.cacheBytes),
    access: async (accountId) => {
      const imap = (requireAccount(ctx, accountId) as { imap?: ImapSettings }).imap;
      if (!imap) throw new CoreError('invalid-params', 'Attachments belong to mail accounts.');
      const password = await ctx.secrets.get(secretKeyFor(accountId));
      if (password === undefined) {
        throw new CoreError('auth-failed', 'No password is stored for this account.');
      }
      const oauth = tokenSourceFor(ctx, accountId, imap);
      return { settings: imap, password, ...(oauth ? { oauth } : {}) };
    },
    maxBytes: browser ? ATTACHMENT_BROWSER_MAX_BYTES : ATTACHMENT_DESKTOP_MAX_BYTES,
    tooLargeHint: browser
      ? 'Use Save in the Passerelle desktop app to download it.'
      : 'Open it in another mail client.',
  };
  /** The calendar part's text, or null when the attachment is not one (or too large to be). */
  async function calendarText(messageId: string, attachmentId: string): Promise<string | null> {
    const file = await getAttachmentContent(deps, messageId, attachmentId);
    const calendar = /^(text\/calendar|application\/ics)\b/i.test(file.contentType);
    // iCalendar is UTF-8 (RFC 5545 §3.1.4); a part's other charset would be a sender's error.
    return calendar && file.size <= INVITE_MAX_BYTES ? file.data.toString('utf8') : null;
  }

  return {
    'attachments.get': async ({ messageId, attachmentId }) => {
      const file = await getAttachmentContent(deps, messageId, attachmentId);
      return {
        filename: file.filename,
        contentType: file.contentType,
        size: file.size,
        data: file.data.toString('base64'),
      };
    },

    'attachments.invite': async ({ messageId, attachmentId }) => {
      const text = await calendarText(messageId, attachmentId);
      return text === null ? null : readInvite(text);
    },

    'attachments.answerInvite': async ({ messageId, attachmentId, answer }) => {
      const text = await calendarText(messageId, attachmentId);
      const accountId = messageAccount(ctx, messageId);
      const account = requireAccount(ctx, accountId);
      if (account.kind !== 'imap') throw new CoreError('invalid-params', 'Not a mail message.');
      const from = senderOf(ctx.db, account);
      const me = {
        ...(account.identity?.name ? { name: account.identity.name } : {}),
        addresses: [...bareAddresses([from]), account.imap.user],
      };
      const reply = text === null ? null : buildInviteReply(text, me, answer);
      if (!reply) {
        throw new CoreError('invalid-params', 'This is not an invitation that can be answered.');
      }
      const words = ANSWER_WORDS[answer];
      const who = me.name ?? me.addresses[0];
      return handlers()['mail.send'](
        SendParams.parse({
          accountId,
          to: [reply.organizer.address],
          subject: `${words.subject}: ${reply.summary}`,
          text: `${who} has ${words.verb} this invitation.`,
          calendar: { method: 'REPLY', content: reply.ics },
        }),
      );
    },
  } satisfies Partial<Handlers>;
}
