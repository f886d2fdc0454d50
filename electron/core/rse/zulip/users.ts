// Zulip's user directory: GET /users returns the whole organisation (Zulip has no
// server-side user search), kept for a minute so autocomplete does not fetch it per
// keystroke. `email` is the API address (a fake one when addresses are hidden);
// `delivery_email` the real one, given only when this account may see it.
import type { DirectoryUser, PersonRef } from '../connector';
import { matchesQuery, normaliseEmail } from '../directory';

interface ZulipMember {
  user_id: number;
  full_name: string;
  email: string;
  delivery_email?: string | null;
  is_active?: boolean;
  is_bot?: boolean;
}

type Get = <T>(path: string, query?: Record<string, string>) => Promise<T>;
const MEMBERS_TTL_MS = 60_000;

export function mapZulipMember(member: ZulipMember): DirectoryUser {
  return {
    remoteId: String(member.user_id),
    // The mention syntax names the full name (@**Full Name|id**).
    handle: member.full_name,
    displayName: member.full_name,
    email: member.delivery_email || member.email,
  };
}

export class ZulipDirectory {
  private members: { at: number; users: Promise<ZulipMember[]> } | undefined;

  constructor(private readonly get: Get) {}

  private list(): Promise<ZulipMember[]> {
    if (!this.members || Date.now() - this.members.at > MEMBERS_TTL_MS) {
      const users = this.get<{ members?: ZulipMember[] }>('/users').then((a) =>
        (a.members ?? []).filter((m) => m.is_active !== false && !m.is_bot),
      );
      users.catch(() => (this.members = undefined));
      this.members = { at: Date.now(), users };
    }
    return this.members.users;
  }

  async searchUsers(query: string, limit: number): Promise<DirectoryUser[]> {
    const users = (await this.list()).map(mapZulipMember);
    return users.filter((u) => matchesQuery(u, query)).slice(0, limit);
  }

  async findUsersByEmail(people: PersonRef[]): Promise<Map<string, DirectoryUser>> {
    const byAddress = new Map<string, ZulipMember>();
    for (const member of await this.list()) {
      for (const address of [member.delivery_email, member.email]) {
        if (address) byAddress.set(normaliseEmail(address), member);
      }
    }
    const found = new Map<string, DirectoryUser>();
    for (const person of people) {
      const member = byAddress.get(normaliseEmail(person.email));
      if (member) found.set(normaliseEmail(person.email), mapZulipMember(member));
    }
    return found;
  }
}
