import { describe, expect, it } from 'vitest';
import type { DirectoryUser, PersonRef, RseConnector } from './connector';
import { UserDirectory } from './user-directory';

const ada: DirectoryUser = { remoteId: '1', handle: 'ada', displayName: 'Ada' };

function fakeConnector() {
  const calls: string[] = [];
  const connector = {
    searchUsers: async (query: string) => {
      calls.push(`search ${query}`);
      return [ada];
    },
    findUsersByEmail: async (people: PersonRef[]) => {
      calls.push(`find ${people.map((p) => p.email).join(',')}`);
      return new Map(people.filter((p) => p.email === 'ada@x.test').map((p) => [p.email, ada]));
    },
  } as unknown as RseConnector;
  return { connector, calls };
}

describe('UserDirectory', () => {
  it('answers a repeated search from memory until the entry is a few minutes old', async () => {
    let now = 0;
    const directory = new UserDirectory(() => now);
    const { connector, calls } = fakeConnector();
    expect(await directory.search('a1', connector, 'Ad', 8)).toEqual([ada]);
    expect(await directory.search('a1', connector, ' ad ', 8)).toEqual([ada]);
    expect(calls).toEqual(['search Ad']);
    await directory.search('a2', connector, 'ad', 8); // another account asks its own network
    now += 6 * 60_000;
    await directory.search('a1', connector, 'ad', 8);
    expect(calls).toEqual(['search Ad', 'search ad', 'search ad']);
  });

  it('remembers who is and who is not a user, and asks only about the others', async () => {
    const directory = new UserDirectory(() => 0);
    const { connector, calls } = fakeConnector();
    const first = await directory.findByEmail('a1', connector, [
      { email: 'ada@x.test' },
      { email: 'bob@x.test' },
    ]);
    expect([...first.keys()]).toEqual(['ada@x.test']);
    const second = await directory.findByEmail('a1', connector, [
      { email: 'ADA@x.test' },
      { email: 'bob@x.test' },
      { email: 'carol@x.test' },
    ]);
    expect([...second.keys()]).toEqual(['ada@x.test']);
    expect(calls).toEqual(['find ada@x.test,bob@x.test', 'find carol@x.test']);
  });

  it('answers empty for networks without a directory', async () => {
    const directory = new UserDirectory();
    const none = {} as RseConnector;
    expect(await directory.search('a1', none, 'ad', 8)).toEqual([]);
    expect((await directory.findByEmail('a1', none, [{ email: 'ada@x.test' }])).size).toBe(0);
  });
});
