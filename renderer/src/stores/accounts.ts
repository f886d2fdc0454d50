import { defineStore } from 'pinia';
import { computed, onScopeDispose, ref } from 'vue';
import type { AddImapAccountParams } from '../../../shared/contract';
import type { Account } from '../../../shared/domain';
import { errorMessage, useClient } from '../api/client';
import { serialTask } from './serial-task';

export const useAccountsStore = defineStore('accounts', () => {
  const client = useClient();
  const accounts = ref<Account[]>([]);
  const loaded = ref(false);
  const loadError = ref<string | null>(null);

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

  async function remove(id: string): Promise<void> {
    await client.invoke('accounts.remove', { id });
    accounts.value = accounts.value.filter((a) => a.id !== id);
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

  return { accounts, loaded, loadError, hasAccounts, load, addImap, remove };
});
