// The unified timeline: keyset-paged from the core, newest first, refreshed in place
// when the single writer reports a change.
import { defineStore } from 'pinia';
import { computed, onScopeDispose, ref, shallowRef } from 'vue';
import type { TimelineCursor, TimelineItem } from '../../../shared/domain';
import { errorMessage, useClient } from '../api/client';
import { serialTask } from './serial-task';

export type TimelineView = 'all' | 'unread';

export const FIRST_PAGE = 100;
export const MORE_PAGE = 200;
/** The core's largest page. */
const MAX_PAGE = 500;
/** A refresh re-reads at most this many rows from the top; older rows are kept as they are. */
export const REFRESH_WINDOW = 1000;

/** Timeline order: date, then id, both descending (the core's keyset). */
export function isOlder(item: TimelineItem, than: TimelineCursor): boolean {
  return item.date < than.date || (item.date === than.date && item.id < than.id);
}

export const useTimelineStore = defineStore('timeline', () => {
  const client = useClient();
  // shallowRef: rows are replaced, never mutated, and there may be 100k of them.
  const items = shallowRef<TimelineItem[]>([]);
  const next = ref<TimelineCursor | undefined>();
  const view = ref<TimelineView>('all');
  /** The first page of a (re)load is on its way. */
  const loading = ref(false);
  const loadingMore = ref(false);
  const loaded = ref(false);
  const error = ref<string | null>(null);
  const selectedId = ref<string | null>(null);
  // Bumped whenever the list is rebuilt, so an older page in flight is dropped.
  let generation = 0;

  const selectedIndex = computed(() =>
    selectedId.value === null ? -1 : items.value.findIndex((i) => i.id === selectedId.value),
  );
  const selected = computed(() => items.value[selectedIndex.value] ?? null);
  const hasMore = computed(() => next.value !== undefined);

  function page(limit: number, before?: TimelineCursor) {
    return client.invoke('timeline.page', {
      limit,
      unreadOnly: view.value === 'unread',
      ...(before ? { before } : {}),
    });
  }

  /** Re-reads the top of the list (as much as is loaded, up to REFRESH_WINDOW) and
   * splices it onto the older rows already shown, keeping scroll position meaningful. */
  const refresher = serialTask(async () => {
    const gen = ++generation;
    const want = Math.min(Math.max(items.value.length, FIRST_PAGE), REFRESH_WINDOW);
    const fresh: TimelineItem[] = [];
    let cursor: TimelineCursor | undefined;
    try {
      do {
        const result = await page(Math.min(MAX_PAGE, want - fresh.length), cursor);
        fresh.push(...result.items);
        cursor = result.next;
      } while (cursor && fresh.length < want);
    } catch (e) {
      error.value = errorMessage(e);
      return;
    } finally {
      loading.value = false;
    }
    if (gen !== generation) return;
    error.value = null;
    loaded.value = true;
    const last = fresh[fresh.length - 1];
    if (!cursor || !last) {
      items.value = fresh;
      next.value = cursor;
      return;
    }
    const seen = new Set(fresh.map((i) => i.id));
    const boundary = { date: last.date, id: last.id };
    const tail = items.value.filter((i) => !seen.has(i.id) && isOlder(i, boundary));
    items.value = tail.length > 0 ? [...fresh, ...tail] : fresh;
    next.value = tail.length > 0 ? next.value : cursor;
  });

  function refresh(): Promise<void> {
    return refresher.run();
  }

  async function reload(): Promise<void> {
    generation++;
    items.value = [];
    next.value = undefined;
    loaded.value = false;
    loading.value = true;
    await refresh();
  }

  async function loadMore(): Promise<void> {
    if (loading.value || loadingMore.value || !next.value) return;
    const gen = generation;
    loadingMore.value = true;
    try {
      const result = await page(MORE_PAGE, next.value);
      if (gen !== generation) return;
      const seen = new Set(items.value.map((i) => i.id));
      items.value = [...items.value, ...result.items.filter((i) => !seen.has(i.id))];
      next.value = result.next;
      error.value = null;
    } catch (e) {
      error.value = errorMessage(e);
    } finally {
      loadingMore.value = false;
    }
  }

  function setView(v: TimelineView) {
    if (view.value === v) return;
    view.value = v;
    void reload();
  }

  function select(id: string | null) {
    selectedId.value = id;
  }

  /** Moves the selection by `step` rows (j/k); selects the first row if none is. */
  function move(step: number): TimelineItem | null {
    const list = items.value;
    if (list.length === 0) return null;
    const from = selectedIndex.value;
    const to = from === -1 ? 0 : Math.min(list.length - 1, Math.max(0, from + step));
    const item = list[to] ?? null;
    selectedId.value = item?.id ?? null;
    if (to >= list.length - 20) void loadMore();
    return item;
  }

  function patchThread(threadId: string, patch: Partial<TimelineItem>) {
    items.value = items.value.map((i) => (i.threadId === threadId ? { ...i, ...patch } : i));
  }

  /** Optimistic: the row turns read at once and turns back if the core refuses. */
  async function markRead(threadId: string, read = true): Promise<void> {
    patchThread(threadId, { unread: !read });
    try {
      await client.invoke('threads.markRead', { threadId, read });
    } catch (e) {
      patchThread(threadId, { unread: read });
      throw e;
    }
  }

  onScopeDispose(
    client.on('db.changed', (deltas) => {
      if (deltas.some((d) => d.table !== 'accounts' || d.op === 'delete')) void refresh();
    }),
  );

  return {
    items,
    next,
    view,
    loading,
    loadingMore,
    loaded,
    error,
    selectedId,
    selectedIndex,
    selected,
    hasMore,
    refresh,
    reload,
    loadMore,
    setView,
    select,
    move,
    markRead,
  };
});
