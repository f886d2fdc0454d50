// Posting the open email thread to an RSE space: c posts to the remembered destination
// at once (held back a few seconds so the toast's Undo cancels it before anything is
// sent), Shift+C opens the picker with an editable preview.
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type {
  ConvertOptions,
  ConvertPreview,
  ConvertThreadParams,
} from '../../../shared/requests/convert';
import { errorMessage, useClient } from '../api/client';
import { registerTriageKeys } from '../composables/useTriageKeys';
import { t } from '../i18n';
import { useReaderStore } from './reader';

const UNDO_MS = 5_000;

export interface ConvertToast {
  message: string;
  taskId: string | null;
}

export const useConvertStore = defineStore('convert', () => {
  const client = useClient();
  const reader = useReaderStore();
  const dialogOpen = ref(false);
  const preview = shallowRef<ConvertPreview | null>(null);
  const busy = ref(false);
  const error = ref<string | null>(null);
  const toast = ref<ConvertToast | null>(null);
  let toastTimer: ReturnType<typeof setTimeout> | undefined;

  const threadId = () => (reader.thread ? reader.thread.id : null);
  /** What happens after posting (follow mode, reply-all, archive), as the core keeps it. */
  const options = shallowRef<ConvertOptions | null>(null);
  /** A posted conversion of the open thread with later emails waiting to be added ('offered'). */
  const waiting = shallowRef<{ conversionId: string; count: number } | null>(null);

  function show(message: string, taskId: string | null = null): void {
    clearTimeout(toastTimer);
    toast.value = { message, taskId };
    toastTimer = setTimeout(() => (toast.value = null), UNDO_MS + 1_000);
  }

  async function run(params: Omit<ConvertThreadParams, 'threadId'>): Promise<boolean> {
    const id = threadId();
    if (!id) return false;
    busy.value = true;
    error.value = null;
    try {
      const result = await client.invoke('convert.thread', { threadId: id, ...params });
      if ('preview' in result) {
        preview.value = result.preview;
        return true;
      }
      show(t('convert.posting', { space: result.conversion.spaceName }), result.task?.id ?? null);
      return true;
    } catch (e) {
      error.value = errorMessage(e);
      return false;
    } finally {
      busy.value = false;
    }
  }

  /** c: the remembered destination, or the picker when there is none yet. */
  async function quick(): Promise<void> {
    const id = threadId();
    if (!id) return;
    const check = await client.invoke('convert.thread', { threadId: id, preview: true });
    if (!('preview' in check) || !check.preview.destination || check.preview.problems.length) {
      await openDialog();
      return;
    }
    await run({ delayMs: UNDO_MS });
  }

  async function openDialog(): Promise<void> {
    if (!threadId()) return;
    dialogOpen.value = true;
    preview.value = null;
    await run({ preview: true });
  }

  async function post(params: Omit<ConvertThreadParams, 'threadId' | 'preview'>): Promise<void> {
    if (await run(params)) dialogOpen.value = false;
  }

  async function undo(): Promise<void> {
    const taskId = toast.value?.taskId;
    if (!taskId) return;
    try {
      await client.invoke('tasks.undo', { taskId });
      show(t('convert.notPosted'));
    } catch (e) {
      show(errorMessage(e));
    }
  }

  async function loadOptions(): Promise<void> {
    options.value = await client.invoke('convert.options', {});
  }

  async function setFollow(follow: ConvertOptions['follow']): Promise<void> {
    options.value = await client.invoke('convert.setOptions', { follow });
  }

  /** Looks for later emails of the open thread that are not in its post yet. */
  async function checkWaiting(forThread: string): Promise<void> {
    const [latest] = await client.invoke('convert.list', { threadId: forThread });
    if (threadId() !== forThread) return;
    const count = latest?.newMessageIds?.length ?? 0;
    waiting.value = latest && count > 0 ? { conversionId: latest.id, count } : null;
  }

  /** Adds the waiting emails to the post as comments (an outbox task). */
  async function addWaiting(): Promise<void> {
    const pending = waiting.value;
    if (!pending) return;
    try {
      await client.invoke('convert.follow', { conversionId: pending.conversionId });
      waiting.value = null;
      show(t('convert.follow.adding', pending.count));
    } catch (e) {
      show(errorMessage(e));
    }
  }

  return {
    dialogOpen,
    preview,
    busy,
    error,
    toast,
    options,
    waiting,
    quick,
    openDialog,
    run,
    post,
    undo,
    loadOptions,
    setFollow,
    checkWaiting,
    addWaiting,
  };
});

// Descriptions are getters so the ? overlay and the palette read them in the current language.
registerTriageKeys(
  {
    keys: ['c'],
    label: 'c',
    get description() {
      return t('convert.keys.quick');
    },
    run: () => void useConvertStore().quick(),
  },
  {
    keys: ['C'],
    label: 'Shift+c',
    get description() {
      return t('convert.keys.pick');
    },
    run: () => void useConvertStore().openDialog(),
  },
);
