import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Account, ImapAccount } from '../../../shared/domain';
import { RemoteError } from '../../../shared/rpc';
import { setClient } from '../api/client';
import { useAccountsStore } from './accounts';
import { fakeClient, type FakeClient } from './fake-client';

function account(id: string, patch: Partial<ImapAccount> = {}): Account {
  return {
    id,
    name: `Account ${id}`,
    kind: 'imap',
    imap: { host: 'imap.example.org', port: 993, tls: 'tls', user: `${id}@example.org` },
    status: { kind: 'idle' },
    createdAt: '2025-01-01T00:00:00.000Z',
    ...patch,
  };
}

let server: Account[];
let client: FakeClient;

beforeEach(() => {
  server = [account('a1')];
  client = fakeClient({
    'accounts.list': () => server,
    'accounts.addImap': (p) => {
      if (p.password === 'bad')
        throw new RemoteError({ code: 'auth-failed', message: 'Authentication failed.' });
      const added = account('a2', { name: p.name });
      server = [...server, added];
      return added;
    },
    'accounts.remove': ({ id }) => {
      server = server.filter((a) => a.id !== id);
      return null;
    },
  });
  setClient(client, client);
  setActivePinia(createPinia());
});

const params = {
  name: 'Home',
  host: 'h',
  port: 143,
  tls: 'none' as const,
  user: 'u',
  password: 'p',
};

describe('useAccountsStore', () => {
  it('starts empty, then lists the accounts', async () => {
    const store = useAccountsStore();
    expect(store.loaded).toBe(false);
    await store.load();
    expect(store.loaded).toBe(true);
    expect(store.hasAccounts).toBe(true);
    expect(store.accounts.map((a) => a.id)).toEqual(['a1']);
  });

  it('follows account.status events', async () => {
    const store = useAccountsStore();
    await store.load();
    client.emit('account.status', {
      accountId: 'a1',
      status: { kind: 'auth-failed', message: 'wrong password' },
    });
    expect(store.accounts[0]?.status).toEqual({ kind: 'auth-failed', message: 'wrong password' });
    client.emit('account.status', { accountId: 'nope', status: { kind: 'online' } });
    expect(store.accounts).toHaveLength(1);
  });

  it('adds an account and passes the core error through with its code', async () => {
    const store = useAccountsStore();
    await store.load();
    await store.addImap(params);
    expect(store.accounts.map((a) => a.name)).toEqual(['Account a1', 'Home']);
    await expect(store.addImap({ ...params, password: 'bad' })).rejects.toMatchObject({
      code: 'auth-failed',
      message: 'Authentication failed.',
    });
    expect(store.accounts).toHaveLength(2);
  });

  it('removes an account', async () => {
    const store = useAccountsStore();
    await store.load();
    await store.remove('a1');
    expect(store.hasAccounts).toBe(false);
    expect(client.calls.at(-1)).toEqual({ name: 'accounts.remove', params: { id: 'a1' } });
  });

  it('re-reads the list when the accounts table changes elsewhere (e.g. the CLI)', async () => {
    const store = useAccountsStore();
    await store.load();
    server = [...server, account('a9')];
    client.emit('db.changed', [{ table: 'messages', op: 'insert', ids: ['m1'] }]);
    await Promise.resolve();
    expect(store.accounts).toHaveLength(1);
    client.emit('db.changed', [{ table: 'accounts', op: 'insert', ids: ['a9'] }]);
    await vi.waitFor(() => expect(store.accounts).toHaveLength(2));
  });

  it('keeps the last list and reports a failed load', async () => {
    const store = useAccountsStore();
    await store.load();
    client.handlers['accounts.list'] = () => {
      throw new RemoteError({ code: 'unavailable', message: 'Lost the connection.' });
    };
    await store.load();
    expect(store.loadError).toBe('Lost the connection.');
    expect(store.accounts).toHaveLength(1);
  });
});
