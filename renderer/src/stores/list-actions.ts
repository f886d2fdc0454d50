// Actions that depend on the list on screen, or ask before they act: junk and not junk
// (in the Junk folder), delete forever and empty (Trash and Junk, after a confirmation),
// the move picker's conversations, and mark all read (every unread mail of the list, not
// only the loaded rows). They act through the triage store (its targets, act, toast).
import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import type { TimelineItem } from '../../../shared/domain';
import { useClient } from '../api/client';
import { t } from '../i18n';
import { useSidebarStore } from './sidebar';
import { useTimelineStore } from './timeline';
import { useTriageStore } from './triage';
import { useUiStore } from './ui';

export const useListActionsStore = defineStore('list-actions', () => {
  const client = useClient();
  const timeline = useTimelineStore();
  const triage = useTriageStore();

  /** The folder the list shows, if it shows one. */
  const scopeFolder = computed(() => {
    const scope = timeline.scope;
    if (scope?.mailboxId === undefined) return null;
    const folders = useSidebarStore().summaryOf(scope.accountId)?.folders ?? [];
    return folders.find((f) => f.id === scope.mailboxId) ?? null;
  });
  const scopeRole = computed(() => scopeFolder.value?.role ?? null);
  /** In the Junk folder, junk means "not junk". */
  const inJunk = computed(() => scopeRole.value === 'junk');
  /** In Trash, trashing means deleting for good. */
  const inTrash = computed(() => scopeRole.value === 'trash');
  /** In Trash and Junk, conversations can be deleted for good. */
  const canDeleteForever = computed(
    () => scopeRole.value === 'trash' || scopeRole.value === 'junk',
  );

  /**
   * Marks read every unread mail of the list (all of it, not only the loaded rows), named
   * `list` in the toast. Network posts keep their state; search results are not a list.
   */
  async function markAllRead(list: string) {
    if (timeline.query !== null) return;
    const shown = timeline.items.filter((i) => i.kind === 'mail-thread' && i.unread);
    timeline.patchItems(
      shown.map((i) => i.id),
      { unread: false },
    );
    try {
      const tasks = await client.invoke('timeline.markAllRead', timeline.filters());
      if (tasks.length === 0) return triage.show(t('timeline.toast.nothingUnread', { list }));
      const undoable = tasks.filter((task) => task.undoable);
      triage.show(
        t('timeline.toast.allRead', { list }),
        undoable.length > 0
          ? async () => {
              for (const task of undoable) await client.invoke('tasks.undo', { taskId: task.id });
            }
          : undefined,
      );
    } catch (e) {
      await triage.failed(e);
    }
  }

  /** The conversations the move picker is choosing a folder for. */
  const moving = shallowRef<TimelineItem[]>([]);
  /** The conversations waiting for the user to confirm deleting them for good. */
  const deleting = shallowRef<TimelineItem[]>([]);
  /** The folder (Trash or Junk) waiting for the user to confirm emptying it. */
  const emptying = shallowRef<{ accountId: string; path: string; name: string } | null>(null);

  /** Asks to confirm deleting the targets for good (Trash and Junk only). */
  function startDelete(items = triage.targets()) {
    const mail = items.filter((i) => i.kind === 'mail-thread');
    if (mail.length === 0 || !canDeleteForever.value) return;
    emptying.value = null;
    deleting.value = mail;
    useUiStore().open('delete');
  }

  /** Asks to confirm emptying the Trash or Junk folder the list shows. */
  function startEmpty() {
    const scope = timeline.scope;
    const folder = scopeFolder.value;
    if (!scope || !folder || !canDeleteForever.value) return;
    deleting.value = [];
    emptying.value = { accountId: scope.accountId, path: folder.path, name: scope.label };
    useUiStore().open('delete');
  }

  async function empty(folder: { accountId: string; path: string; name: string }) {
    const shown = timeline.items;
    triage.leave(shown);
    try {
      await client.invoke('folders.empty', { accountId: folder.accountId, path: folder.path });
      triage.show(t('timeline.toast.emptied', { folder: folder.name }));
    } catch (e) {
      await triage.failed(e);
    }
  }

  /** #: to Trash, or, in Trash, deleting for good once confirmed. */
  function trashOrDelete(items = triage.targets()) {
    if (inTrash.value) startDelete(items);
    else void triage.act('trash', items);
  }

  /** v: asks where to move the targets; network posts have no folders. */
  function startMove(items = triage.targets()) {
    const mail = items.filter((i) => i.kind === 'mail-thread');
    if (items.length === 0) return;
    if (mail.length === 0) return triage.show(t('timeline.toast.mailOnly'));
    moving.value = mail;
    useUiStore().open('move');
  }

  /** !: marks the targets as junk, or takes them out of Junk when the list is Junk. */
  function toggleJunk(items = triage.targets()) {
    return triage.act(inJunk.value ? 'notjunk' : 'junk', items);
  }

  return {
    inJunk,
    inTrash,
    canDeleteForever,
    toggleJunk,
    trashOrDelete,
    moving,
    startMove,
    deleting,
    startDelete,
    emptying,
    startEmpty,
    empty,
    markAllRead,
  };
});
