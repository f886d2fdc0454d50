// The mail side of a conversion: the thread as the planner wants it (from the local
// store, no network), and the attachment contents, fetched on demand over IMAP when the
// task uploads them. Bodies are kept locally but attachment bytes are not, so the task
// asks the server for BODY[part] of each file it still has to upload, in one short session.
import { buffer } from 'node:stream/consumers';
import type { ImapSettings, MessageAttachment } from '../../../shared/domain';
import type { ThreadContext, ThreadMessageInput } from '../convert';
import type { Db } from '../db/connection';
import { getAccount } from '../db/accounts';
import { listAttachments } from '../db/attachments';
import { threadListId } from '../db/message-lists';
import { listThreadMessages, parseAddress } from '../db/messages';
import { CoreError } from '../errors';
import { ServerRefusal, withImapSession, type ImapAccess } from '../mail/actions/session';

/** Where one file of the thread lives on the server. */
export interface PartSource {
  mailbox: string;
  uid: number;
  partId: string;
}

export interface ThreadSource {
  threadId: number;
  mailAccountId: string;
  /** The mail account's address: who converts, and whose own messages are not correspondents. */
  self: string;
  mailboxLabel: string;
  subject: string;
  messages: ThreadMessageInput[];
  /** Per message, in the same order: where its parts are fetched from. */
  locations: { mailbox: string; uid: number }[];
  context: ThreadContext;
}

function planned(attachment: MessageAttachment) {
  return {
    partId: attachment.partId,
    filename: attachment.filename,
    contentType: attachment.contentType,
    size: attachment.size,
    contentId: attachment.contentId,
    inline: attachment.inline,
  };
}

export function loadThreadSource(db: Db, threadId: string): ThreadSource {
  const id = Number(threadId.replace(/^mail-thread:/u, ''));
  const rows = Number.isSafeInteger(id) ? listThreadMessages(db, id) : [];
  if (rows.length === 0) throw new CoreError('not-found', `No thread with id ${threadId}.`);
  const account = getAccount(db, rows[0]!.account_id);
  const imap = (account as { imap?: ImapSettings } | null)?.imap;
  if (!account || !imap) throw new CoreError('invalid-params', 'Only mail threads can be posted.');
  const self = imap.user.includes('@') ? imap.user : `${imap.user}@${imap.host}`;
  const messages = rows.map((row) => {
    const from = parseAddress(row.from_json);
    return {
      messageId: row.message_id,
      from: from ? { ...(from.name ? { name: from.name } : {}), address: from.address } : null,
      date: row.date,
      text: row.body_text,
      html: row.body_html ?? null,
      // Files inside a forwarded message have no IMAP part of their own to fetch by. Sizes
      // are real ones, large messages included (their list comes from BODYSTRUCTURE).
      attachments: listAttachments(db, row.id)
        .filter((a) => a.partId !== null && a.calendarMethod === null)
        .map(planned),
    };
  });
  const correspondents = [...rows]
    .reverse()
    .map((row) => parseAddress(row.from_json)?.address?.toLowerCase())
    .filter((a): a is string => !!a && a !== self.toLowerCase() && a !== imap.user.toLowerCase());
  const mailboxes = [...new Set(rows.map((r) => r.path))];
  return {
    threadId: id,
    mailAccountId: account.id,
    self,
    mailboxLabel: `${self} — ${mailboxes.join(', ')}`,
    subject: rows[0]!.subject,
    messages,
    locations: rows.map((r) => ({ mailbox: r.path, uid: r.uid })),
    context: {
      threadId: String(id),
      mailAccountId: account.id,
      // A list thread is remembered by its list (List-Id), whoever wrote in it.
      listId: threadListId(db, id),
      correspondents: [...new Set(correspondents)],
    },
  };
}

/** Downloads the given parts (decoded) in one session, one mailbox lock at a time. */
export async function fetchParts(
  access: ImapAccess,
  parts: readonly PartSource[],
): Promise<Buffer[]> {
  if (parts.length === 0) return [];
  return withImapSession(access, async (client) => {
    const out: Buffer[] = new Array<Buffer>(parts.length);
    const byMailbox = new Map<string, number[]>();
    parts.forEach((p, i) => byMailbox.set(p.mailbox, [...(byMailbox.get(p.mailbox) ?? []), i]));
    for (const [mailbox, indexes] of byMailbox) {
      const lock = await client.getMailboxLock(mailbox, { readOnly: true });
      try {
        for (const i of indexes) {
          const part = parts[i]!;
          const download = await client.download(String(part.uid), part.partId, { uid: true });
          if (!download.content) {
            // The message was moved or deleted since: retrying will not bring it back (a
            // ServerRefusal keeps that permanence through withImapSession).
            throw new ServerRefusal(
              `Part ${part.partId} of message ${part.uid} is no longer in ${mailbox}.`,
            );
          }
          out[i] = await buffer(download.content);
        }
      } finally {
        lock.release();
      }
    }
    return out;
  });
}
