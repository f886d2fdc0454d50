// Unsubscribing from a message's sender (mail.unsubscribe), the way its List-Unsubscribe
// offers, by preference: RFC 8058's one-click POST (nothing to open, nothing sent from the
// user's address), then an email to the mailto: address through the outbox (from the
// account the message came to), then the sender's page, which the window opens.
import type { Handlers } from '../../../shared/contract';
import { SendParams } from '../../../shared/requests/mail-actions';
import type { CoreContext } from '../core-context';
import { messageUnsubscribe } from '../db/message-lists';
import { stmt } from '../db/statements';
import { CoreError } from '../errors';
import { unsubscribeMail } from '../../../shared/unsubscribe-mail';
import { oneClickUnsubscribe } from '../mail/unsubscribe';

export function unsubscribeHandlers(ctx: CoreContext, handlers: () => Handlers) {
  return {
    'mail.unsubscribe': async ({ messageId }) => {
      const row = stmt(ctx.db, 'SELECT id, account_id FROM messages WHERE id = ?').get(
        Number(messageId),
      ) as { id: number; account_id: string } | undefined;
      if (!row) throw new CoreError('not-found', `No message with id ${messageId}.`);
      const how = messageUnsubscribe(ctx.db, row.id);
      if (!how) {
        throw new CoreError('invalid-params', 'This message offers no way to unsubscribe.');
      }
      if (how.oneClick && how.web) {
        await oneClickUnsubscribe(how.web, ctx.options.fetch ?? globalThis.fetch);
        return { via: 'one-click' as const, host: new URL(how.web).host };
      }
      if (how.mailto) {
        const mail = unsubscribeMail(how.mailto);
        // Through the contract's schema: the address and lengths are checked as any send's.
        const params = SendParams.safeParse({
          accountId: row.account_id,
          to: [mail.to],
          subject: mail.subject,
          text: mail.text,
        });
        if (!params.success) {
          throw new CoreError(
            'invalid-params',
            `The unsubscribe address "${mail.to}" is not valid.`,
          );
        }
        const task = await handlers()['mail.send'](params.data);
        return { via: 'mail' as const, to: mail.to, task };
      }
      return { via: 'page' as const, url: how.web! };
    },
  } satisfies Partial<Handlers>;
}
