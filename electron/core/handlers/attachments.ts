// Handlers of attachment content (shared/requests/attachments.ts). The cache lives in the
// profile; browser mode caps each file at what its WebSocket carries comfortably, and
// the desktop app (IPC) and the CLI at a larger bound that still keeps memory in check.
import { join } from 'node:path';
import type { Handlers } from '../../../shared/contract';
import type { ImapSettings } from '../../../shared/domain';
import { ATTACHMENT_BROWSER_MAX_BYTES } from '../../../shared/requests/attachments';
import type { CoreContext } from '../core-context';
import { secretKeyFor } from '../db/accounts';
import { tokenSourceFor } from './imap-credentials';
import { CoreError } from '../errors';
import { AttachmentCache, ATTACHMENT_CACHE_DIR } from '../mail/attachment-cache';
import { getAttachmentContent, type AttachmentFetchDeps } from '../mail/attachment-fetch';
import { readInvite } from '../mail/calendar-invite';
import { requireAccount } from './foundation';

/** An invitation is a few kilobytes; anything this large is not one worth reading. */
const INVITE_MAX_BYTES = 2 * 1024 * 1024;

/** Desktop and CLI: the content still travels as one message, so it is bounded too. */
export const ATTACHMENT_DESKTOP_MAX_BYTES = 200 * 1024 * 1024;

export interface AttachmentHandlerOptions {
  /** Test hook: the cache's bound in bytes. */
  cacheBytes?: number;
}

export function attachmentHandlers(ctx: CoreContext, options: AttachmentHandlerOptions = {}) {
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
      const file = await getAttachmentContent(deps, messageId, attachmentId);
      const calendar = /^(text\/calendar|application\/ics)\b/i.test(file.contentType);
      if (!calendar || file.size > INVITE_MAX_BYTES) return null;
      // iCalendar is UTF-8 (RFC 5545 §3.1.4); a part's other charset would be a sender's error.
      return readInvite(file.data.toString('utf8'));
    },
  } satisfies Partial<Handlers>;
}
