// Mastodon's user directory. Search: GET /api/v1/accounts/search (resolve=false: only
// accounts the server knows, no WebFinger lookups while the user types). Addresses are
// private on Mastodon; only the admin API (GET /api/v1/admin/accounts?email=, scope
// admin:read:accounts) can match them, so ordinary tokens get 403 and credit by name.
import type { DirectoryUser, PersonRef } from '../connector';
import { lookupEach, normaliseEmail } from '../directory';
import type { MdAccount } from './mappers';

type Get = <T>(path: string, query?: [string, string][]) => Promise<T>;

export function mapMdDirectoryUser(account: MdAccount, email?: string): DirectoryUser {
  return {
    remoteId: account.id,
    // acct is "user" on this server and "user@domain" elsewhere: what @-mentions need.
    handle: account.acct,
    displayName: account.display_name || account.username,
    ...(email ? { email } : {}),
    ...(account.url ? { profileUrl: account.url } : {}),
  };
}

export async function searchMastodonUsers(
  get: Get,
  query: string,
  limit: number,
): Promise<DirectoryUser[]> {
  const accounts = await get<MdAccount[]>('/api/v1/accounts/search', [
    ['q', query.trim()],
    ['limit', String(limit)],
    ['resolve', 'false'],
  ]);
  return (Array.isArray(accounts) ? accounts : [])
    .slice(0, limit)
    .map((a) => mapMdDirectoryUser(a));
}

interface MdAdminAccount {
  id: string;
  email?: string;
  account: MdAccount;
}

export function findMastodonUsersByEmail(
  get: Get,
  people: PersonRef[],
): Promise<Map<string, DirectoryUser>> {
  return lookupEach(people, async (person) => {
    const found = await get<MdAdminAccount[]>('/api/v1/admin/accounts', [
      ['email', person.email],
      ['local', 'true'],
    ]);
    const match = (Array.isArray(found) ? found : []).find(
      (a) => a.email && normaliseEmail(a.email) === person.email,
    );
    return match ? mapMdDirectoryUser(match.account, match.email) : null;
  });
}
