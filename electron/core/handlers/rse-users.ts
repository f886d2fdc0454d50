// The networks' user directories, for the composer's @mention autocomplete
// (rse.users.search) and for crediting a converted thread's participants.
import type { Handlers } from '../../../shared/contract';
import type { RseNetwork } from '../../../shared/domain';
import type { RseUserSuggestion } from '../../../shared/requests/rse';
import { participantMentions, type ParticipantMentions } from '../convert/mentions';
import type { ThreadMessageInput } from '../convert/types';
import type { CoreContext } from '../core-context';
import { getAccount } from '../db/accounts';
import { CoreError } from '../errors';
import { toCoreError } from '../rse/errors';
import { mentionOf } from '../rse/mention-syntax';
import { connectorFor } from '../rse/rse-engine';
import { userDirectoryFor } from '../rse/user-directory';

/** The thread's participants who are users of the account's network, as mentions. */
export async function participantCredits(
  ctx: CoreContext,
  accountId: string,
  network: RseNetwork,
  messages: ThreadMessageInput[],
): Promise<ParticipantMentions> {
  const account = getAccount(ctx.db, accountId);
  if (!account || account.kind === 'imap') return { mentions: {}, profileLinks: {} };
  const directory = userDirectoryFor(ctx);
  return participantMentions(
    network,
    messages,
    async (people) => directory.findByEmail(account.id, await connectorFor(ctx, account), people),
    (error) => ctx.log(`User directory of ${account.name}: ${String(error)}; credited by name.`),
  );
}

export function rseUserHandlers(ctx: CoreContext) {
  return {
    'rse.users.search': async ({ accountId, query, limit }): Promise<RseUserSuggestion[]> => {
      const account = getAccount(ctx.db, accountId);
      if (!account || account.kind === 'imap') {
        throw new CoreError('not-found', `No RSE account with id ${accountId}.`);
      }
      try {
        const connector = await connectorFor(ctx, account);
        const users = await userDirectoryFor(ctx).search(account.id, connector, query, limit);
        return users.map((user) => {
          const mention = mentionOf(account.kind, user);
          return {
            id: user.remoteId,
            handle: user.handle,
            displayName: user.displayName,
            mention: mention.text,
            ...(mention.url ? { url: mention.url } : {}),
          };
        });
      } catch (error) {
        throw toCoreError(error);
      }
    },
  } satisfies Partial<Handlers>;
}
