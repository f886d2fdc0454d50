// The outbox: messages the core has not sent yet (waiting for their time, or retrying)
// and those it finally could not send. Without it a message scheduled for later, or one
// the server refused, could only be seen and handled from the CLI (`passerelle tasks`).
// A pending send can be cancelled, which gives its draft back to the composer; a failed
// one can be tried again.
import { defineStore } from 'pinia';
import { onScopeDispose, ref, watch } from 'vue';
import type { TaskInfo } from '../../../shared/requests/mail-actions';
import { errorMessage, useClient } from '../api/client';
import { useComposerStore } from './composer';
import { useConnectionStore } from './connection';
import { serialTask } from './serial-task';

export const useOutboxStore = defineStore('outbox', () => {
  const client = useClient();
  /** Sends not done yet or failed, oldest first (the order they would leave in). */
  const sends = ref<TaskInfo[]>([]);
  const error = ref<string | null>(null);

  const loader = serialTask(async () => {
    try {
      const open = await client.invoke('tasks.list', { states: ['pending', 'running', 'failed'] });
      sends.value = open.filter((task) => task.kind === 'send').reverse();
    } catch (e) {
      error.value = errorMessage(e);
    }
  });

  function load(): Promise<void> {
    return loader.run();
  }

  /** Stops a send that has not left and reopens its draft in the composer. */
  async function edit(task: TaskInfo): Promise<void> {
    error.value = null;
    try {
      if (task.draftId) await useComposerStore().takeBack(task.id, task.draftId);
      else await client.invoke('tasks.undo', { taskId: task.id });
    } catch (e) {
      error.value = errorMessage(e);
    }
    await load();
  }

  async function retry(task: TaskInfo): Promise<void> {
    error.value = null;
    try {
      await client.invoke('tasks.retry', { taskId: task.id });
    } catch (e) {
      error.value = errorMessage(e);
    }
    await load();
  }

  onScopeDispose(
    client.on('tasks.changed', (tasks) => {
      if (tasks.some((task) => task.kind === 'send')) void load();
    }),
  );
  // Browser mode: task changes announced while the page was cut off from the core are
  // not replayed, so the list is read again once the link is back.
  watch(
    () => useConnectionStore().reconnections,
    () => void load(),
  );

  return { sends, error, load, edit, retry };
});
