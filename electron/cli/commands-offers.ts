// CLI commands for what a message offers: `unsubscribe` (its List-Unsubscribe) and
// `invite` (its calendar invitation, shown, or answered with --answer). ITEM is a thread
// (mail-thread:N from `timeline`, or its id); its newest message that offers it is used.
// The same requests as the reading pane.
import type { CalendarInvite, MessageDetail } from '../../shared/domain';
import type { Core } from '../core/core-types';
import { CoreError } from '../core/errors';
import { parseCommand, UsageError } from './args';
import type { CommandContext } from './commands';
import { report, waitFor } from './commands-mail';

const json = (value: unknown) => JSON.stringify(value, null, 2);

/** The messages of the thread ITEM names, newest first. */
async function messagesOf(core: Core, item: string): Promise<MessageDetail[]> {
  const thread = await core.handlers['threads.get']({
    threadId: item.replace(/^mail-thread:/, ''),
  });
  if (!thread) throw new CoreError('not-found', `No thread "${item}".`);
  return [...thread.messages].reverse();
}

export async function unsubscribeCommand(argv: string[], ctx: CommandContext): Promise<void> {
  const { values, positionals } = parseCommand(argv, { json: { type: 'boolean' } });
  const [item, ...extra] = positionals;
  if (!item || extra.length)
    throw new UsageError('unsubscribe takes one thread (mail-thread:N, from timeline).');
  const core = await ctx.core();
  const message = (await messagesOf(core, item)).find((m) => m.unsubscribe);
  if (!message) throw new CoreError('invalid-params', `${item} offers no way to unsubscribe.`);
  const done = await core.handlers['mail.unsubscribe']({ messageId: message.id });
  if (values.json) return ctx.out(json(done));
  if (done.via === 'one-click') return ctx.out(`Unsubscribed: ${done.host} took the request.`);
  if (done.via === 'page') return ctx.out(`The sender offers a web page only: open ${done.url}`);
  report(await waitFor(core, [done.task.id], 60_000), ctx, false);
}

const ANSWERS = { yes: 'ACCEPTED', maybe: 'TENTATIVE', no: 'DECLINED' } as const;

function describeInvite(invite: CalendarInvite): string[] {
  const time = (iso: string | null) =>
    !iso ? '?' : invite.allDay ? iso : new Date(iso).toLocaleString();
  return [
    `${invite.cancelled ? 'Cancelled: ' : ''}${invite.summary}`,
    `When: ${time(invite.start)} – ${time(invite.end)}${invite.floatingZone ? ` (${invite.floatingZone})` : ''}`,
    ...(invite.location ? [`Where: ${invite.location}`] : []),
    ...(invite.organizer ? [`Organizer: ${invite.organizer.address}`] : []),
    ...(invite.reply ? [`Answer: ${invite.reply.from.address} ${invite.reply.answer}`] : []),
  ];
}

export async function inviteCommand(argv: string[], ctx: CommandContext): Promise<void> {
  const { values, positionals } = parseCommand(argv, {
    answer: { type: 'string' },
    json: { type: 'boolean' },
  });
  const [item, ...extra] = positionals;
  if (!item || extra.length)
    throw new UsageError('invite takes one thread (mail-thread:N, from timeline).');
  const answer = values.answer;
  if (answer !== undefined && !(answer in ANSWERS)) {
    throw new UsageError('--answer takes yes, maybe or no.');
  }
  const core = await ctx.core();
  for (const message of await messagesOf(core, item)) {
    const part = message.attachments?.find((a) => a.calendarMethod !== null);
    if (!part?.id) continue;
    const invite = await core.handlers['attachments.invite']({
      messageId: message.id,
      attachmentId: part.id,
    });
    if (!invite) continue;
    if (answer === undefined) {
      return ctx.out(values.json ? json(invite) : describeInvite(invite).join('\n'));
    }
    const task = await core.handlers['attachments.answerInvite']({
      messageId: message.id,
      attachmentId: part.id,
      answer: ANSWERS[answer as keyof typeof ANSWERS],
    });
    return report(await waitFor(core, [task.id], 60_000), ctx, values.json);
  }
  throw new CoreError('invalid-params', `${item} holds no calendar invitation.`);
}
