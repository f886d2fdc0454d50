// Discourse's user directory. Search uses GET /u/search/users.json, the endpoint of
// Discourse's own @mention autocomplete; it is not in the published OpenAPI description
// (checked against a fake that follows Discourse's answer shape). Addresses are matched
// with the admin list (GET /admin/users/list/active.json?email=), which only an admin API
// key may call: a User API Key gets 403 and participants are credited by name.
import type { DirectoryUser, PersonRef } from '../connector';
import { lookupEach, normaliseEmail } from '../directory';

interface DcDirectoryUser {
  id?: number;
  username: string;
  name?: string | null;
  email?: string;
}

type Get = <T>(path: string, query?: Record<string, string>) => Promise<T>;

export function mapDcDirectoryUser(user: DcDirectoryUser, baseUrl: string): DirectoryUser {
  return {
    remoteId: user.id === undefined ? user.username : String(user.id),
    handle: user.username,
    displayName: user.name || user.username,
    ...(user.email ? { email: user.email } : {}),
    profileUrl: `${baseUrl}/u/${encodeURIComponent(user.username)}`,
  };
}

export async function searchDiscourseUsers(
  get: Get,
  baseUrl: string,
  query: string,
  limit: number,
): Promise<DirectoryUser[]> {
  const answer = await get<{ users?: DcDirectoryUser[] }>('/u/search/users.json', {
    term: query.trim(),
    include_groups: 'false',
    limit: String(limit),
  });
  return (answer.users ?? []).slice(0, limit).map((u) => mapDcDirectoryUser(u, baseUrl));
}

export function findDiscourseUsersByEmail(
  get: Get,
  baseUrl: string,
  people: PersonRef[],
): Promise<Map<string, DirectoryUser>> {
  return lookupEach(people, async (person) => {
    const users = await get<DcDirectoryUser[]>('/admin/users/list/active.json', {
      email: person.email,
      show_emails: 'true',
    });
    const user = (Array.isArray(users) ? users : []).find(
      (u) => u.email && normaliseEmail(u.email) === person.email,
    );
    return user ? mapDcDirectoryUser(user, baseUrl) : null;
  });
}
