import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Account, ImapAccount, RseAccount, RseSpace } from '../../../shared/domain';
import type { NotifySettings } from '../../../shared/requests/notify';
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

function rseAccount(id: string, kind: RseAccount['kind'], name: string): Account {
  return {
    id,
    name,
    kind,
    rse: { url: 'https://intranet.example.org' },
    status: { kind: 'idle' },
    createdAt: '2025-01-01T00:00:00.000Z',
  };
}

let server: Account[];
let client: FakeClient;
let paused: Set<string>;
let spaces: RseSpace[];
let notify: NotifySettings;

beforeEach(() => {
  server = [account('a1')];
  paused = new Set();
  spaces = [
    { accountId: 'r1', remoteId: '1', name: 'News', followed: false },
    { accountId: 'r1', remoteId: '2', name: 'Dev', followed: false },
  ];
  notify = {
    sources: { other: 'none' },
    dnd: { active: false, until: null, schedule: null, allowMentions: true },
    unreadCountMode: 'all',
    closeToTray: true,
    launchAtLogin: false,
  };
  client = fakeClient({
    'accounts.addRse': (p) => {
      if (p.secret === 'bad')
        throw new RemoteError({
          code: 'auth-failed',
          message: 'WordPress: the server refused the credentials.',
        });
      const added = rseAccount('r1', p.kind, p.name);
      server = [...server, added];
      return added;
    },
    'rse.spaces': () => spaces,
    'rse.follow': ({ spaceId }) => {
      spaces = spaces.map((s) => (s.remoteId === spaceId ? { ...s, followed: true } : s));
      return spaces.find((s) => s.remoteId === spaceId)!;
    },
    'rse.unfollow': ({ spaceId }) => {
      spaces = spaces.map((s) => (s.remoteId === spaceId ? { ...s, followed: false } : s));
      return spaces.find((s) => s.remoteId === spaceId)!;
    },
    'accounts.setPaused': ({ id, paused: on }) => {
      if (on) paused.add(id);
      else paused.delete(id);
      return null;
    },
    'triage.sidebar': () =>
      server.map((a) => ({
        accountId: a.id,
        paused: paused.has(a.id),
        unread: 0,
        folders: [],
        spaces: [],
      })),
    'searches.list': () => [],
    'notify.getSettings': () => notify,
    'notify.setSettings': ({ sources }) => {
      const next = { ...notify.sources };
      for (const [id, mode] of Object.entries(sources ?? {})) {
        if (mode === null) delete next[id];
        else next[id] = mode;
      }
      notify = { ...notify, sources: next };
      return notify;
    },
    'accounts.list': () => server,
    'accounts.addImap': (p) => {
      if (p.password === 'bad')
        throw new RemoteError({ code: 'auth-failed', message: 'Authentication failed.' });
      const added = account('a2', { name: p.name });
      server = [...server, added];
      return added;
    },
    'accounts.rename': ({ id, name }) => {
      if (server.some((a) => a.name === name && a.id !== id))
        throw new RemoteError({ code: 'conflict', message: `"${name}" is taken.` });
      server = server.map((a) => (a.id === id ? { ...a, name } : a));
      return server.find((a) => a.id === id)!;
    },
    'accounts.setPassword': ({ id, password }) => {
      if (password === 'bad')
        throw new RemoteError({ code: 'auth-failed', message: 'The server refused it.' });
      server = server.map((a) => (a.id === id ? { ...a, status: { kind: 'syncing' } } : a));
      return server.find((a) => a.id === id)!;
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

  it('renames an account and changes its password, passing refusals through', async () => {
    const store = useAccountsStore();
    await store.load();
    await store.rename('a1', 'Work');
    expect(store.accounts.map((a) => a.name)).toEqual(['Work']);
    server = [...server, account('a2', { name: 'Home' })];
    await expect(store.rename('a1', 'Home')).rejects.toMatchObject({ code: 'conflict' });
    expect(store.accounts[0]?.name).toBe('Work');

    client.emit('account.status', { accountId: 'a1', status: { kind: 'auth-failed' } });
    await expect(store.setPassword('a1', 'bad')).rejects.toMatchObject({ code: 'auth-failed' });
    expect(store.accounts[0]?.status.kind).toBe('auth-failed');
    await store.setPassword('a1', 'good');
    expect(store.accounts[0]?.status.kind).toBe('syncing');
    expect(client.calls.at(-1)).toEqual({
      name: 'accounts.setPassword',
      params: { id: 'a1', password: 'good' },
    });
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

  it('adds an RSE account, offers its spaces, and passes a refusal through', async () => {
    const store = useAccountsStore();
    await store.load();
    const wp = {
      kind: 'wordpress' as const,
      name: 'Intranet',
      url: 'https://i.example',
      user: 'me',
    };
    await expect(store.addRse({ ...wp, secret: 'bad' })).rejects.toMatchObject({
      code: 'auth-failed',
    });
    expect(store.accounts).toHaveLength(1);
    expect(store.pickingSpacesFor).toBeNull();

    const added = await store.addRse({ ...wp, secret: 'good' });
    expect(store.accounts.map((a) => a.name)).toEqual(['Account a1', 'Intranet']);
    expect(store.pickingSpacesFor).toBe(added.id);
    // A WordPress account follows nothing by itself: the user picks.
    expect(spaces.every((s) => !s.followed)).toBe(true);

    const followed = await store.follow(added.id, '2', true);
    expect(followed).toMatchObject({ name: 'Dev', followed: true });
    await store.follow(added.id, '2', false);
    expect(client.calls.at(-1)).toEqual({
      name: 'rse.unfollow',
      params: { accountId: 'r1', spaceId: '2' },
    });

    await store.remove(added.id);
    expect(store.pickingSpacesFor).toBeNull();
  });

  it('follows every feed found when a feed is added, as the CLI does', async () => {
    const store = useAccountsStore();
    await store.addRse({
      kind: 'feed',
      name: 'Blog',
      url: 'https://blog.example',
      secret: 'passerelle:no-credentials',
    });
    expect(spaces.map((s) => s.followed)).toEqual([true, true]);
  });

  it('pauses and resumes, reading the paused state back from the sidebar summary', async () => {
    const store = useAccountsStore();
    await store.load();
    await store.setPaused('a1', true);
    expect(store.isPaused('a1')).toBe(true);
    await store.setPaused('a1', false);
    expect(store.isPaused('a1')).toBe(false);
    expect(client.calls.filter((c) => c.name === 'accounts.setPaused')).toHaveLength(2);
  });

  it('reads and sets the notification mode of one account without touching others', async () => {
    const store = useAccountsStore();
    expect(await store.notifyMode('a1')).toBe('all');
    expect(await store.setNotifyMode('a1', 'mentions')).toBe('mentions');
    expect(notify.sources).toEqual({ other: 'none', a1: 'mentions' });
    // "all" is the default, so choosing it clears the entry rather than storing it.
    expect(await store.setNotifyMode('a1', 'all')).toBe('all');
    expect(notify.sources).toEqual({ other: 'none' });
  });
});
