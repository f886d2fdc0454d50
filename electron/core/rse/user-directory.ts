// The accounts' user directories with a short memory: autocomplete asks again on every
// keystroke and a conversion looks up the same participants as its preview, so answers
// are kept a few minutes per account (bounded, in memory: directories change, and
// nothing here is worth a table). Connectors without a directory answer empty.
import type { DirectoryUser, PersonRef, RseConnector } from './connector';
import { normaliseEmail, normaliseName } from './directory';

const TTL_MS = 5 * 60_000;
const MAX_ENTRIES = 2_000;

interface Entry<T> {
  at: number;
  value: T;
}

class BoundedCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  get(key: string, now: number): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (now - entry.at > TTL_MS) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: T, now: number): void {
    this.entries.delete(key);
    this.entries.set(key, { at: now, value });
    // Maps iterate in insertion order: the first key is the oldest.
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }
}

export class UserDirectory {
  private readonly searches = new BoundedCache<DirectoryUser[]>();
  /** null remembers "not a user of this network" as well. */
  private readonly people = new BoundedCache<DirectoryUser | null>();

  constructor(private readonly now: () => number = Date.now) {}

  async search(
    accountId: string,
    connector: RseConnector,
    query: string,
    limit: number,
  ): Promise<DirectoryUser[]> {
    if (!connector.searchUsers) return [];
    const key = `${accountId}\n${limit}\n${normaliseName(query)}`;
    const cached = this.searches.get(key, this.now());
    if (cached) return cached;
    const users = await connector.searchUsers(query, limit);
    this.searches.set(key, users, this.now());
    return users;
  }

  async findByEmail(
    accountId: string,
    connector: RseConnector,
    people: PersonRef[],
  ): Promise<Map<string, DirectoryUser>> {
    const found = new Map<string, DirectoryUser>();
    if (!connector.findUsersByEmail) return found;
    const keyOf = (email: string) => `${accountId}\n${normaliseEmail(email)}`;
    const missing: PersonRef[] = [];
    for (const person of people) {
      const cached = this.people.get(keyOf(person.email), this.now());
      if (cached === undefined) missing.push(person);
      else if (cached) found.set(normaliseEmail(person.email), cached);
    }
    if (missing.length === 0) return found;
    const answered = await connector.findUsersByEmail(missing);
    for (const person of missing) {
      const user = answered.get(normaliseEmail(person.email)) ?? null;
      this.people.set(keyOf(person.email), user, this.now());
      if (user) found.set(normaliseEmail(person.email), user);
    }
    return found;
  }
}

const directories = new WeakMap<object, UserDirectory>();

/** One directory cache per core (keyed by its context), gone with it. */
export function userDirectoryFor(owner: object): UserDirectory {
  let directory = directories.get(owner);
  if (!directory) directories.set(owner, (directory = new UserDirectory()));
  return directory;
}
