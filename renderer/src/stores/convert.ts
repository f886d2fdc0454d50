// Posting the open email thread to an RSE space: c posts to the remembered destination
// at once (held back a few seconds so the toast's Undo cancels it before anything is
// sent), Shift+C opens the picker with an editable preview.
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { ConvertPreview, ConvertThreadParams } from '../../../shared/requests/convert';
import { errorMessage, useClient } from '../api/client';
import { registerTriageKeys } from '../composables/useTriageKeys';
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
      show(`Posting to ${result.conversion.spaceName}…`, result.task?.id ?? null);
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
      show('Not posted.');
    } catch (e) {
      show(errorMessage(e));
    }
  }

  return { dialogOpen, preview, busy, error, toast, quick, openDialog, run, post, undo };
});

registerTriageKeys(
  {
    keys: ['c'],
    label: 'c',
    description: 'Post to the usual space',
    run: () => void useConvertStore().quick(),
  },
  {
    keys: ['C'],
    label: 'Shift+c',
    description: 'Post to…',
    run: () => void useConvertStore().openDialog(),
  },
);
