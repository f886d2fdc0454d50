// The thread open in the reading pane. Opening an unread thread marks it read; the
// thread is re-read when the writer reports changes to messages or threads. An RSE post
// (thread id `rse-post:<id>`) opens the same way, read through rse.getPost.
import { defineStore } from 'pinia';
import { onScopeDispose, ref, shallowRef } from 'vue';
import type { RsePostDetail, ThreadDetail } from '../../../shared/domain';
import { errorMessage, useClient } from '../api/client';
import { t } from '../i18n';
import { serialTask } from './serial-task';
import { useTimelineStore } from './timeline';

const RSE_PREFIX = 'rse-post:';

export const useReaderStore = defineStore('reader', () => {
  const client = useClient();
  const timeline = useTimelineStore();
  const threadId = ref<string | null>(null);
  const thread = shallowRef<ThreadDetail | null>(null);
  const post = shallowRef<RsePostDetail | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  /** The thread was removed (e.g. its account was) while open. */
  const missing = ref(false);

  const fetcher = serialTask(async () => {
    const id = threadId.value;
    if (id === null) return;
    try {
      if (id.startsWith(RSE_PREFIX)) {
        const detail = await client.invoke('rse.getPost', { postId: id.slice(RSE_PREFIX.length) });
        if (threadId.value !== id) return;
        post.value = detail;
        missing.value = detail === null;
        error.value = null;
        return;
      }
      const detail = await client.invoke('threads.get', { threadId: id });
      if (threadId.value !== id) return;
      thread.value = detail;
      missing.value = detail === null;
      error.value = null;
    } catch (e) {
      if (threadId.value === id) error.value = errorMessage(e);
    } finally {
      if (threadId.value === id) loading.value = false;
    }
  });

  async function open(id: string): Promise<void> {
    if (threadId.value !== id) {
      threadId.value = id;
      thread.value = null;
      post.value = null;
      missing.value = false;
      error.value = null;
      loading.value = true;
    }
    const item = timeline.items.find((i) => i.threadId === id);
    const read = !item?.unread
      ? Promise.resolve()
      : id.startsWith(RSE_PREFIX)
        ? markPostRead(id)
        : markRead(id);
    await Promise.all([fetcher.run(), read]);
  }

  async function markRead(id: string): Promise<void> {
    try {
      await timeline.markRead(id, true);
    } catch (e) {
      error.value = t('reading.markThreadFailed', { error: errorMessage(e) });
    }
  }

  async function markPostRead(id: string): Promise<void> {
    timeline.patchThread(id, { unread: false });
    try {
      await client.invoke('rse.markRead', { postId: id.slice(RSE_PREFIX.length), read: true });
    } catch (e) {
      timeline.patchThread(id, { unread: true });
      error.value = t('reading.markPostFailed', { error: errorMessage(e) });
    }
  }

  function close() {
    threadId.value = null;
    thread.value = null;
    post.value = null;
    missing.value = false;
    error.value = null;
    loading.value = false;
  }

  onScopeDispose(
    client.on('db.changed', (deltas) => {
      if (threadId.value !== null && deltas.some((d) => d.table !== 'accounts')) void fetcher.run();
    }),
  );

  return { threadId, thread, post, loading, error, missing, open, close };
});
