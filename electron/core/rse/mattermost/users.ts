// Mattermost's user directory: GET /users/autocomplete (what its own composer calls for
// @mentions) and GET /users/email/{email}, which answers only where the server's privacy
// settings let this account see addresses (else 403/404: the person is credited by name).
import type { DirectoryUser, PersonRef } from '../connector';
import { lookupEach } from '../directory';
import { displayName, type MmUser } from './mappers';

type Get = <T>(path: string, query?: Record<string, string>) => Promise<T>;

interface MmDirectoryUser extends MmUser {
  email?: string;
  delete_at?: number;
  is_bot?: boolean;
}

export function mapMmDirectoryUser(user: MmDirectoryUser): DirectoryUser {
  return {
    remoteId: user.id,
    handle: user.username,
    displayName: displayName(user),
    ...(user.email ? { email: user.email } : {}),
  };
}

const active = (user: MmDirectoryUser) => !(user.delete_at && user.delete_at > 0);

export async function searchMattermostUsers(
  get: Get,
  query: string,
  limit: number,
): Promise<DirectoryUser[]> {
  const answer = await get<{ users?: MmDirectoryUser[]; out_of_channel?: MmDirectoryUser[] }>(
    '/users/autocomplete',
    { name: query.trim(), limit: String(limit) },
  );
  const users = [...(answer.users ?? []), ...(answer.out_of_channel ?? [])].filter(active);
  const unique = new Map(users.map((u) => [u.id, u]));
  return [...unique.values()].slice(0, limit).map(mapMmDirectoryUser);
}

export function findMattermostUsersByEmail(
  get: Get,
  people: PersonRef[],
): Promise<Map<string, DirectoryUser>> {
  return lookupEach(people, async (person) => {
    const user = await get<MmDirectoryUser>(`/users/email/${encodeURIComponent(person.email)}`);
    return user?.id && user.username && active(user) ? mapMmDirectoryUser(user) : null;
  });
}
