// Who of a thread's participants is a user of the destination network, as the planner's
// address → mention map (plus author-page links where the network has no mentions). The
// directory is asked once per conversion, briefly: a slow, refusing or failing directory
// never blocks a conversion, whose participants are then credited by name only.
import type { RseNetwork } from '../../../shared/domain';
import type { DirectoryUser, PersonRef } from '../rse/connector';
import { normaliseEmail } from '../rse/directory';
import { mentionOf } from '../rse/mention-syntax';
import type { ThreadMessageInput } from './types';

export const DIRECTORY_TIMEOUT_MS = 5_000;

export interface ParticipantMentions {
  /** Address → mention text ("@ada", "@**Ada|12**"), for ConversionInput.mentions. */
  mentions: Record<string, string>;
  /** Address → the user's page, for networks that credit by a linked name. */
  profileLinks: Record<string, string>;
}

export type FindUsers = (people: PersonRef[]) => Promise<Map<string, DirectoryUser>>;

export function participantsOf(messages: ThreadMessageInput[]): PersonRef[] {
  const people = new Map<string, PersonRef>();
  for (const message of messages) {
    const email = message.from?.address ? normaliseEmail(message.from.address) : '';
    if (!email || people.has(email)) continue;
    const name = message.from?.name?.trim();
    people.set(email, { email, ...(name ? { name } : {}) });
  }
  return [...people.values()];
}

export async function participantMentions(
  network: RseNetwork,
  messages: ThreadMessageInput[],
  findUsers: FindUsers | undefined,
  onFailure: (error: unknown) => void = () => undefined,
  timeoutMs = DIRECTORY_TIMEOUT_MS,
): Promise<ParticipantMentions> {
  const result: ParticipantMentions = { mentions: {}, profileLinks: {} };
  const people = participantsOf(messages);
  if (!findUsers || people.length === 0) return result;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error('the user directory did not answer in time')),
      timeoutMs,
    );
  });
  let found: Map<string, DirectoryUser>;
  try {
    found = await Promise.race([findUsers(people), timeout]);
  } catch (error) {
    onFailure(error);
    return result;
  } finally {
    clearTimeout(timer);
  }
  for (const [email, user] of found) {
    const mention = mentionOf(network, user);
    if (mention.url) result.profileLinks[email] = mention.url;
    else result.mentions[email] = mention.text;
  }
  return result;
}
