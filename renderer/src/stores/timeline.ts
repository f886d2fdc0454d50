// The unified timeline: keyset-paged from the core, newest first, refreshed in place
// when the single writer reports a change. A smart view, a scope (an account, folder or
// space) or a search picks what it lists; search results are shown as timeline rows.
import { defineStore } from 'pinia';
import type { z } from 'zod';
import { computed, onScopeDispose, ref, shallowRef } from 'vue';
import type { TimelineCursor, TimelineItem, TimelinePage } from '../../../shared/domain';
import type { SearchHit } from '../../../shared/requests/search';
import type { TimelineFilters, TimelineView } from '../../../shared/requests/triage';
import { errorMessage, useClient } from '../api/client';
import { serialTask } from './serial-task';

export type { TimelineView };

type TimelineFilterParams = z.input<typeof TimelineFilters>;

/** A narrower list than a smart view: one account, one of its folders or one RSE space. */
export interface TimelineScope {
  accountId: string;
  mailboxId?: number;
  spaceId?: string;
  /** What the header shows ("Archive", "#general"). */
  label: string;
}

/** Search hits are messages; shown as rows they act on their thread. */
export function hitToItem(hit: SearchHit): TimelineItem {
  return {
    id: hit.id,
    kind: 'mail-thread',
    accountId: hit.accountId,
    threadId: hit.threadId,
    subject: hit.subject,
    from: hit.from,
    snippet: hit.snippet,
    date: hit.date,
    unread: hit.unread,
    flagged: hit.flagged,
    messageCount: hit.messageCount,
  };
}

/** The id snooze and the other item-level requests know: the thread's, not a search hit's. */
export function itemKey(item: TimelineItem): string {
  return item.kind === 'rse-post' ? item.id : `mail-thread:${item.threadId}`;
}

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
  const scope = ref<TimelineScope | null>(null);
  /** Set while the list shows search results. */
  const query = ref<string | null>(null);
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

  async function page(limit: number, before?: TimelineCursor): Promise<TimelinePage> {
    if (query.value !== null) {
      const result = await client.invoke('search.query', {
        query: query.value,
        limit: Math.min(limit, 200),
        ...(before ? { before } : {}),
      });
      return { items: result.items.map(hitToItem), ...(result.next ? { next: result.next } : {}) };
    }
    return client.invoke('timeline.page', {
      limit,
      unreadOnly: view.value === 'unread',
      ...filters(),
      ...(before ? { before } : {}),
    });
  }

  /** The view and scope of the list, as timeline.page (and timeline.markAllRead) take them. */
  function filters(): TimelineFilterParams {
    const s = scope.value;
    return {
      view: view.value,
      ...(s ? { accountId: s.accountId } : {}),
      ...(s?.mailboxId !== undefined ? { mailboxId: s.mailboxId } : {}),
      ...(s?.spaceId !== undefined ? { spaceId: s.spaceId } : {}),
    };
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

  function setView(v: TimelineView, s: TimelineScope | null = null) {
    if (view.value === v && scope.value === s && query.value === null) return;
    view.value = v;
    scope.value = s;
    query.value = null;
    void reload();
  }

  /** Shows search results (the core's query syntax); an empty query goes back to the view. */
  function search(q: string) {
    const trimmed = q.trim();
    query.value = trimmed === '' ? null : trimmed;
    void reload();
  }

  /** Optimistic removal (archive, snooze…): the core's next refresh confirms or restores them. */
  function removeItems(ids: Iterable<string>) {
    const gone = new Set(ids);
    const list = items.value;
    const index = selectedIndex.value;
    items.value = list.filter((i) => !gone.has(i.id));
    if (selectedId.value !== null && gone.has(selectedId.value)) {
      // Gmail moves on to the next conversation, or the previous one at the end.
      const rest = list.slice(index + 1).find((i) => !gone.has(i.id));
      const before = list
        .slice(0, Math.max(index, 0))
        .reverse()
        .find((i) => !gone.has(i.id));
      selectedId.value = (rest ?? before)?.id ?? null;
    }
  }

  function patchItems(ids: Iterable<string>, patch: Partial<TimelineItem>) {
    const set = new Set(ids);
    items.value = items.value.map((i) => (set.has(i.id) ? { ...i, ...patch } : i));
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
    scope,
    query,
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
    search,
    removeItems,
    patchItems,
    filters,
    patchThread,
    select,
    move,
    markRead,
  };
});
