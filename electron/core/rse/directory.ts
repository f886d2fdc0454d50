// Helpers the connectors share for their user directories (searchUsers, findUsersByEmail):
// the same address normalisation, per-person lookups that tolerate "not found", and the
// same name matching where a network hides addresses from the account.
import type { DirectoryUser, PersonRef } from './connector';
import { RseError } from './errors';

/** At most this many people are looked up per thread: a huge Cc list is not worth 100 calls. */
export const MAX_LOOKUPS = 25;

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

/** Names compared the way people read them: case, accents and spacing ignored. */
export function normaliseName(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').trim().replace(/\s+/gu, ' ').toLowerCase();
}

/**
 * Looks each person up on their own. "Not found" means not a user; "permission" means
 * this account may not look addresses up at all, so the remaining people are not tried.
 */
export async function lookupEach(
  people: PersonRef[],
  lookup: (person: PersonRef) => Promise<DirectoryUser | null>,
): Promise<Map<string, DirectoryUser>> {
  const found = new Map<string, DirectoryUser>();
  const seen = new Set<string>();
  for (const person of people) {
    const email = normaliseEmail(person.email);
    if (!email || seen.has(email) || seen.size >= MAX_LOOKUPS) continue;
    seen.add(email);
    try {
      const user = await lookup({ ...person, email });
      if (user) found.set(email, user);
    } catch (error) {
      if (error instanceof RseError && error.kind === 'not-found') continue;
      if (error instanceof RseError && error.kind === 'permission') break;
      throw error;
    }
  }
  return found;
}

/** The one user whose display name is the person's name, or null when none or several are. */
export function uniqueByName(
  users: DirectoryUser[],
  name: string | undefined,
): DirectoryUser | null {
  if (!name?.trim()) return null;
  const wanted = normaliseName(name);
  const matches = users.filter((u) => normaliseName(u.displayName) === wanted);
  return matches.length === 1 ? matches[0]! : null;
}

/** A local filter for networks that hand out their whole member list (Zulip). */
export function matchesQuery(user: DirectoryUser, query: string): boolean {
  const wanted = normaliseName(query);
  if (!wanted) return true;
  const words = [user.handle, ...normaliseName(user.displayName).split(' ')];
  return (
    words.some((w) => normaliseName(w).startsWith(wanted)) ||
    normaliseName(user.displayName).startsWith(wanted)
  );
}
