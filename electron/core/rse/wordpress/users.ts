// WordPress' user directory over /wp/v2/users. `context=edit` (needs the list_users
// capability: administrators) returns addresses and searches them; other accounts get
// the view context, which WordPress limits to authors of published posts and searches by
// login, slug and display name only, so addresses are matched by the sender's name there.
// WordPress has no native mentions: users are credited by name, linked to `link` (their
// author archive).
import type { DirectoryUser, PersonRef } from '../connector';
import { lookupEach, normaliseEmail, uniqueByName } from '../directory';
import { RseError } from '../errors';

export interface WpDirectoryUser {
  id: number;
  name: string;
  slug: string;
  link?: string;
  /** Edit context only. */
  email?: string;
}

type Get = <T>(route: string, query: Record<string, string>) => Promise<{ data: T }>;

export function mapWpUser(user: WpDirectoryUser): DirectoryUser {
  return {
    remoteId: String(user.id),
    handle: user.slug,
    displayName: user.name || user.slug,
    ...(user.email ? { email: user.email } : {}),
    ...(user.link ? { profileUrl: user.link } : {}),
  };
}

export class WordPressDirectory {
  /** Learnt from the first refusal of the edit context; a new connector asks again. */
  private editContext = true;

  constructor(private readonly get: Get) {}

  private async list(search: string, limit: number): Promise<DirectoryUser[]> {
    const query = { search, per_page: String(Math.min(Math.max(limit, 1), 100)) };
    if (this.editContext) {
      try {
        const { data } = await this.get<WpDirectoryUser[]>('/wp/v2/users', {
          ...query,
          context: 'edit',
        });
        return data.map(mapWpUser);
      } catch (error) {
        if (!(error instanceof RseError && error.kind === 'permission')) throw error;
        this.editContext = false;
      }
    }
    const { data } = await this.get<WpDirectoryUser[]>('/wp/v2/users', query);
    return data.map(mapWpUser);
  }

  searchUsers(query: string, limit: number): Promise<DirectoryUser[]> {
    return this.list(query.trim(), limit);
  }

  findUsersByEmail(people: PersonRef[]): Promise<Map<string, DirectoryUser>> {
    return lookupEach(people, async (person) => {
      // An address search only matches addresses in the edit context; without it, try.
      const byAddress = await this.list(person.email, 10);
      const exact = byAddress.find((u) => u.email && normaliseEmail(u.email) === person.email);
      if (exact) return exact;
      if (this.editContext || !person.name) return null;
      return uniqueByName(await this.list(person.name, 10), person.name);
    });
  }
}
