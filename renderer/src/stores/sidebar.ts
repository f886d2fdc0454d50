// What the sidebar lists besides accounts: each account's folders and spaces with unread
// counts (triage.sidebar) and the saved searches. Re-read when the writer reports changes,
// at most once per animation-sized interval so a sync burst costs one request.
import { defineStore } from 'pinia';
import { onScopeDispose, ref, shallowRef } from 'vue';
import type { SavedSearch, SidebarAccount } from '../../../shared/requests/triage';
import { errorMessage, useClient } from '../api/client';
import { serialTask } from './serial-task';

const THROTTLE_MS = 500;

export const useSidebarStore = defineStore('sidebar', () => {
  const client = useClient();
  const summaries = shallowRef<SidebarAccount[]>([]);
  const searches = ref<SavedSearch[]>([]);
  const error = ref<string | null>(null);
  let pending: ReturnType<typeof setTimeout> | undefined;

  const loader = serialTask(async () => {
    try {
      const [s, saved] = await Promise.all([
        client.invoke('triage.sidebar', {}),
        client.invoke('searches.list', {}),
      ]);
      summaries.value = s;
      searches.value = saved;
      error.value = null;
    } catch (e) {
      error.value = errorMessage(e);
    }
  });

  function load(): Promise<void> {
    return loader.run();
  }

  function summaryOf(accountId: string): SidebarAccount | undefined {
    return summaries.value.find((s) => s.accountId === accountId);
  }

  async function saveSearch(name: string, query: string): Promise<SavedSearch> {
    const saved = await client.invoke('searches.save', { name, query });
    searches.value = [...searches.value, saved];
    return saved;
  }

  async function removeSearch(id: string): Promise<void> {
    await client.invoke('searches.remove', { id });
    searches.value = searches.value.filter((s) => s.id !== id);
  }

  onScopeDispose(
    client.on('db.changed', () => {
      if (pending) return;
      pending = setTimeout(() => {
        pending = undefined;
        void load();
      }, THROTTLE_MS);
    }),
  );
  onScopeDispose(() => clearTimeout(pending));

  return { summaries, searches, error, load, summaryOf, saveSearch, removeSearch };
});
