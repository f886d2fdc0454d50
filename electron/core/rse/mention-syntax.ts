// How each network writes an @mention of one of its users, in the text we send (the
// connectors send Markdown or plain text, so these survive their htmlToText step).
// WordPress has no mentions: a user is credited by name, linked to their author page.
import type { RseNetwork } from '../../../shared/domain';
import type { DirectoryUser } from './connector';

export interface Mention {
  /** What goes in the text: "@ada", "@**Ada Lovelace|12**", or a name to link. */
  text: string;
  /** Set when the mention is a link to the user's page rather than a notifying handle. */
  url?: string;
}

export function mentionOf(network: RseNetwork, user: DirectoryUser): Mention {
  switch (network) {
    case 'mattermost':
    case 'discourse':
    case 'mastodon':
      return { text: `@${user.handle}` };
    case 'zulip':
      // The "|id" form mentions the right person even when two share a name.
      return { text: `@**${user.displayName}|${user.remoteId}**` };
    case 'wordpress':
    case 'feed':
      return { text: user.displayName, ...(user.profileUrl ? { url: user.profileUrl } : {}) };
  }
}
