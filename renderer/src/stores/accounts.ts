import { defineStore } from 'pinia';
import { computed, onScopeDispose, ref } from 'vue';
import type { AddImapAccountParams } from '../../../shared/contract';
import type { Account, RseSpace } from '../../../shared/domain';
import type { SourceMode } from '../../../shared/requests/notify';
import type { AddRseAccountParams } from '../../../shared/requests/rse';
import { errorMessage, useClient } from '../api/client';
import { serialTask } from './serial-task';
import { useSidebarStore } from './sidebar';

export const useAccountsStore = defineStore('accounts', () => {
  const client = useClient();
  const accounts = ref<Account[]>([]);
  const loaded = ref(false);
  const loadError = ref<string | null>(null);
  /**
   * The RSE account whose spaces the user is picking right after adding it. Kept here, not
   * in the form, because the welcome screen (and its form) goes away once an account exists.
   */
  const pickingSpacesFor = ref<string | null>(null);

  const hasAccounts = computed(() => accounts.value.length > 0);

  const loader = serialTask(async () => {
    try {
      accounts.value = await client.invoke('accounts.list', {});
      loaded.value = true;
      loadError.value = null;
    } catch (error) {
      loadError.value = errorMessage(error);
    }
  });

  function load(): Promise<void> {
    return loader.run();
  }

  /** Resolves once the list is here (or failed to come): the fetch under way, or a new one. */
  function ready(): Promise<void> {
    return loaded.value ? Promise.resolve() : loader.settled();
  }

  function upsert(account: Account) {
    const index = accounts.value.findIndex((a) => a.id === account.id);
    if (index === -1) accounts.value = [...accounts.value, account];
    else accounts.value = accounts.value.map((a, i) => (i === index ? account : a));
  }

  /** Throws the core's error (e.g. auth-failed) for the form to show. */
  async function addImap(params: AddImapAccountParams): Promise<Account> {
    const account = await client.invoke('accounts.addImap', params);
    upsert(account);
    return account;
  }

  /**
   * The core signs in before it saves, so a wrong password or address throws here with
   * the core's code and nothing is stored. A feed is read as soon as it is added: every
   * feed found at its address is followed (as `passerelle account add feed` does).
   */
  async function addRse(params: AddRseAccountParams): Promise<Account> {
    const account = await client.invoke('accounts.addRse', params);
    upsert(account);
    if (params.kind === 'feed') {
      for (const space of await spaces(account.id, false)) {
        if (!space.followed) await follow(account.id, space.remoteId, true);
      }
    }
    pickingSpacesFor.value = account.id;
    return account;
  }

  async function remove(id: string): Promise<void> {
    await client.invoke('accounts.remove', { id });
    accounts.value = accounts.value.filter((a) => a.id !== id);
    if (pickingSpacesFor.value === id) pickingSpacesFor.value = null;
  }

  /** Paused accounts stop syncing until resumed; the sidebar summary says which are. */
  /** Throws the core's error (conflict: another account has that name). */
  async function rename(id: string, name: string): Promise<Account> {
    const account = await client.invoke('accounts.rename', { id, name });
    upsert(account);
    return account;
  }

  /** A mail account's name in From and its signature. */
  async function setIdentity(id: string, name: string, signature: string): Promise<Account> {
    const account = await client.invoke('accounts.setIdentity', { id, name, signature });
    upsert(account);
    return account;
  }

  /**
   * The core checks the new secret with the server before it keeps it, so a refused one
   * throws here (auth-failed) and the old one stays; an accepted one restarts the sync.
   */
  async function setPassword(id: string, password: string): Promise<Account> {
    const account = await client.invoke('accounts.setPassword', { id, password });
    upsert(account);
    return account;
  }

  async function setPaused(id: string, paused: boolean): Promise<void> {
    await client.invoke('accounts.setPaused', { id, paused });
    await useSidebarStore().load();
  }

  function isPaused(id: string): boolean {
    return useSidebarStore().summaryOf(id)?.paused ?? false;
  }

  function spaces(accountId: string, refresh = true): Promise<RseSpace[]> {
    return client.invoke('rse.spaces', { accountId, refresh });
  }

  function follow(accountId: string, spaceId: string, followed: boolean): Promise<RseSpace> {
    return client.invoke(followed ? 'rse.follow' : 'rse.unfollow', { accountId, spaceId });
  }

  /** Reads the account now, e.g. so newly followed spaces fill the timeline at once. */
  function syncNow(accountId: string): Promise<null> {
    return client.invoke('sync.now', { accountId });
  }

  /** What this account may notify; a source without a setting notifies everything. */
  async function notifyMode(accountId: string): Promise<SourceMode> {
    const settings = await client.invoke('notify.getSettings', {});
    return settings.sources[accountId] ?? 'all';
  }

  async function setNotifyMode(accountId: string, mode: SourceMode): Promise<SourceMode> {
    // null clears the entry: "all" is the default, so nothing is left behind for it.
    const settings = await client.invoke('notify.setSettings', {
      sources: { [accountId]: mode === 'all' ? null : mode },
    });
    return settings.sources[accountId] ?? 'all';
  }

  onScopeDispose(
    client.on('account.status', ({ accountId, status }) => {
      accounts.value = accounts.value.map((a) => (a.id === accountId ? { ...a, status } : a));
    }),
  );
  onScopeDispose(
    client.on('db.changed', (deltas) => {
      if (deltas.some((d) => d.table === 'accounts')) void load();
    }),
  );

  return {
    accounts,
    loaded,
    loadError,
    hasAccounts,
    pickingSpacesFor,
    load,
    ready,
    addImap,
    addRse,
    remove,
    rename,
    setIdentity,
    setPassword,
    setPaused,
    isPaused,
    spaces,
    follow,
    syncNow,
    notifyMode,
    setNotifyMode,
  };
});
