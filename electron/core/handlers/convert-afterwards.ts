// What follows a posted conversion, when the user asked for it: a reply-all telling the
// thread's participants "This conversation continues at LINK" (sent over SMTP through the
// outbox, like any message), archiving the thread, and adding the emails that arrived
// while it was being posted (follow mode only hears of emails once the post exists). Both are ordinary outbox tasks,
// queued once: the send is tagged with the conversion and looked for before queueing, so
// a conversion task replayed after a crash never mails the participants twice.
import type { CoreContext } from '../core-context';
import { getAccount } from '../db/accounts';
import { getConversion, loadConvertOptions, updateConversion } from '../db/conversions';
import { listThreadMessages, parseAddress } from '../db/messages';
import {
  bareAddresses,
  composeMessage,
  prefixedSubject,
  replyReferences,
} from '../mail/smtp-compose';
import { getSmtpSettings, senderOf } from '../mail/smtp-settings';
import type { ConvertPayload } from '../tasks/convert-task';
import { localRolePath, planAction, threadTargets } from '../tasks/plan-actions';
import type { TaskRunner } from '../tasks/runner';
import { queueFollowUp } from './convert-follow';

/** The words of the notice; the link is the post's permalink. */
export function continuesAt(link: string): string {
  return `This conversation continues at ${link}`;
}

function addresses(json: string | null): string[] {
  if (!json) return [];
  const parsed = JSON.parse(json) as unknown;
  const list = Array.isArray(parsed) ? parsed : [parsed];
  return list.flatMap((a) => {
    const address = (a as { address?: string } | null)?.address?.trim();
    return address ? [address] : [];
  });
}

function noticeQueued(ctx: CoreContext, conversionId: number): boolean {
  return !!ctx.db
    .prepare(
      `SELECT 1 FROM tasks WHERE kind = 'send'
       AND json_extract(payload, '$.conversionNotice') = ? LIMIT 1`,
    )
    .get(conversionId);
}

async function queueReplyAll(ctx: CoreContext, runner: TaskRunner, p: ConvertPayload) {
  if (!p.permalink || noticeQueued(ctx, p.conversionId)) return;
  const account = getAccount(ctx.db, p.mailAccountId);
  const smtp = getSmtpSettings(ctx.db, p.mailAccountId);
  if (account?.kind !== 'imap' || !smtp) {
    ctx.log(`conversion ${p.conversionId}: no SMTP server, so no reply-all was sent`);
    return;
  }
  const rows = listThreadMessages(ctx.db, Number(p.context.threadId));
  const last = rows[rows.length - 1];
  if (!last) return;
  const from = senderOf(ctx.db, account);
  const self = new Set([...bareAddresses([from]), account.imap.user].map((a) => a.toLowerCase()));
  const everyone = rows.flatMap((r) => [
    parseAddress(r.from_json)?.address ?? '',
    ...addresses(r.to_json),
    ...addresses(r.cc_json),
  ]);
  const to = [...new Set(everyone.map((a) => a.toLowerCase()))].filter((a) => a && !self.has(a));
  if (to.length === 0) return;
  const composed = await composeMessage({
    from,
    to,
    cc: [],
    bcc: [],
    subject: prefixedSubject(last.subject, 'Re'),
    text: `${continuesAt(p.permalink)}\n`,
    ...(last.message_id ? { inReplyTo: last.message_id } : {}),
    references: replyReferences(JSON.parse(last.refs) as string[], last.message_id),
  });
  // Checked again after the await: the hook may have run twice meanwhile (a replay).
  if (noticeQueued(ctx, p.conversionId)) return;
  ctx.writer.write(() => {
    // The notice comes back in the thread (Sent folder): it is not new for follow mode.
    const row = getConversion(ctx.db, p.conversionId);
    const ids = JSON.parse(row?.message_ids ?? '[]') as string[];
    updateConversion(ctx.db, p.conversionId, {
      message_ids: JSON.stringify([...ids, composed.messageId]),
    });
  });
  runner.enqueue(p.mailAccountId, 'send', {
    ...composed,
    subject: prefixedSubject(last.subject, 'Re'),
    conversionNotice: p.conversionId,
  });
}

function queueArchive(ctx: CoreContext, runner: TaskRunner, p: ConvertPayload): void {
  const targets = threadTargets(ctx.db, [p.context.threadId], 'archive');
  for (const task of planAction('archive', undefined, targets, localRolePath(ctx.db, new Map()))) {
    runner.enqueue(task.accountId, task.kind, task.input);
  }
}

/** The posted hook (tasks/convert-task.ts): queues what the conversion asked for. */
export function afterPosted(ctx: CoreContext, runner: () => TaskRunner) {
  return async (p: ConvertPayload): Promise<void> => {
    try {
      if (p.afterwards?.archive) queueArchive(ctx, runner(), p);
      if (p.afterwards?.replyAll) await queueReplyAll(ctx, runner(), p);
      // Emails that reached the thread while it was being posted: follow mode's first round.
      const row = getConversion(ctx.db, p.conversionId);
      if (row && loadConvertOptions(ctx.db).follow === 'on') queueFollowUp(ctx, runner(), row);
    } catch (error) {
      // The post is made: a failure here must not turn it into a failed conversion.
      ctx.log(`conversion ${p.conversionId}: ${String(error)}`);
    }
  };
}
