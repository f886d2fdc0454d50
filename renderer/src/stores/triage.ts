// Triage actions on the selected rows (or the checked ones, for bulk actions): archive,
// trash (in Trash: delete forever), junk / not junk, move to a folder, flag, read/unread,
// mute and snooze. Each applies at once in the list, then asks the core; a refusal
// restores the list and says why. Undoable actions leave a toast whose Undo reverses
// them: tasks.undo for outbox tasks, unmute / un-snooze for local ones.
import { defineStore } from 'pinia';
import { computed, onScopeDispose, ref, shallowRef } from 'vue';
import type { TimelineItem } from '../../../shared/domain';
import type { MailAction, TaskInfo } from '../../../shared/requests/mail-actions';
import { errorMessage, useClient } from '../api/client';
import { t } from '../i18n';
import { useReaderStore } from './reader';
import { useSidebarStore } from './sidebar';
import { useUiStore } from './ui';
import { itemKey, useTimelineStore } from './timeline';

export const TOAST_MS = 6000;

/** Where 'move' sends conversations: the server's path, and the name the user saw. */
export interface MoveDestination {
  path: string;
  name: string;
}

export interface Toast {
  id: number;
  message: string;
  /** Present when the action can be reversed. */
  undo?: () => Promise<void>;
  error?: boolean;
}

/** The toast after an action on n conversations ("Archived: 2 conversations"). */
const PAST = new Set<MailAction>([
  'delete',
  'archive',
  'trash',
  'junk',
  'notjunk',
  'move',
  'flag',
  'unflag',
  'read',
  'unread',
]);
const pastToast = (action: MailAction, n: number, folder = '') =>
  t(`timeline.toast.${PAST.has(action) ? action : 'done'}`, { n, folder }, n);
/** Actions after which the row leaves the list it is in (not junk: the Junk folder). */
const LEAVES = new Set<MailAction>(['archive', 'trash', 'junk', 'notjunk', 'move', 'delete']);

export const useTriageStore = defineStore('triage', () => {
  const client = useClient();
  const timeline = useTimelineStore();
  const reader = useReaderStore();
  /** Rows ticked with x; bulk actions apply to them instead of the selected row. */
  const checked = ref<Set<string>>(new Set());
  const toast = shallowRef<Toast | null>(null);
  let toastTimer: ReturnType<typeof setTimeout> | undefined;
  let toastSeq = 0;

  function show(message: string, undo?: () => Promise<void>, error = false) {
    clearTimeout(toastTimer);
    toast.value = { id: ++toastSeq, message, ...(undo ? { undo } : {}), error };
    toastTimer = setTimeout(() => (toast.value = null), error ? TOAST_MS * 1.5 : TOAST_MS);
  }

  function dismiss() {
    clearTimeout(toastTimer);
    toast.value = null;
  }

  async function undoLast() {
    const current = toast.value;
    if (!current?.undo) return;
    dismiss();
    try {
      await current.undo();
      show(t('timeline.toast.undone'));
    } catch (e) {
      show(t('timeline.toast.undoFailed', { error: errorMessage(e) }), undefined, true);
    }
    void timeline.refresh();
  }

  /** What an action applies to: the checked rows, else the selected one. */
  function targets(): TimelineItem[] {
    if (checked.value.size > 0) return timeline.items.filter((i) => checked.value.has(i.id));
    return timeline.selected ? [timeline.selected] : [];
  }

  function toggleCheck(id = timeline.selectedId) {
    if (!id) return;
    const next = new Set(checked.value);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    checked.value = next;
  }

  function clearChecks() {
    checked.value = new Set();
  }

  function leave(items: TimelineItem[]) {
    timeline.removeItems(items.map((i) => i.id));
    if (items.some((i) => i.threadId === reader.threadId)) reader.close();
    clearChecks();
  }

  async function failed(e: unknown) {
    show(errorMessage(e), undefined, true);
    await timeline.refresh();
  }

  /** The special-use role of the folder the list shows, if it shows one. */
  const scopeRole = computed(() => {
    const scope = timeline.scope;
    if (scope?.mailboxId === undefined) return null;
    const folders = useSidebarStore().summaryOf(scope.accountId)?.folders ?? [];
    return folders.find((f) => f.id === scope.mailboxId)?.role ?? null;
  });
  /** In the Junk folder, junk means "not junk". */
  const inJunk = computed(() => scopeRole.value === 'junk');
  /** In Trash, trashing means deleting for good. */
  const inTrash = computed(() => scopeRole.value === 'trash');
  /** In Trash and Junk, conversations can be deleted for good. */
  const canDeleteForever = computed(
    () => scopeRole.value === 'trash' || scopeRole.value === 'junk',
  );

  /** `folder`: the destination of 'move', a folder of the items' account. */
  async function act(action: MailAction, items = targets(), folder?: MoveDestination) {
    const mail = items.filter((i) => i.kind === 'mail-thread');
    const posts = items.filter((i) => i.kind === 'rse-post');
    if (items.length === 0) return;
    if (mail.length === 0 && action !== 'read' && action !== 'unread') {
      show(t('timeline.toast.mailOnly'));
      return;
    }
    if (LEAVES.has(action)) leave(mail);
    else if (action === 'read' || action === 'unread') {
      timeline.patchItems(
        items.map((i) => i.id),
        { unread: action === 'unread' },
      );
    } else
      timeline.patchItems(
        mail.map((i) => i.id),
        { flagged: action === 'flag' },
      );
    try {
      const tasks: TaskInfo[] = mail.length
        ? await client.invoke('threads.act', {
            action,
            threadIds: mail.map((i) => i.threadId),
            ...(action === 'move' ? { folder: folder?.path } : {}),
          })
        : [];
      for (const p of action === 'read' || action === 'unread' ? posts : []) {
        await client.invoke('rse.markRead', { postId: p.postId!, read: action === 'read' });
      }
      const undoable = tasks.filter((t) => t.undoable);
      // Deleting for good has nothing to undo, even while its task is still pending.
      const undo =
        LEAVES.has(action) && action !== 'delete' && undoable.length > 0
          ? async () => {
              for (const t of undoable) await client.invoke('tasks.undo', { taskId: t.id });
            }
          : undefined;
      show(pastToast(action, items.length, folder?.name), undo);
    } catch (e) {
      await failed(e);
    }
  }

  /** s: flags the targets, or unflags them when they all are. */
  function toggleFlag() {
    const items = targets();
    return act(items.length > 0 && items.every((i) => i.flagged) ? 'unflag' : 'flag', items);
  }

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
      if (tasks.length === 0) return show(t('timeline.toast.nothingUnread', { list }));
      const undoable = tasks.filter((task) => task.undoable);
      show(
        t('timeline.toast.allRead', { list }),
        undoable.length > 0
          ? async () => {
              for (const task of undoable) await client.invoke('tasks.undo', { taskId: task.id });
            }
          : undefined,
      );
    } catch (e) {
      await failed(e);
    }
  }

  /** The conversations the move picker is choosing a folder for. */
  const moving = shallowRef<TimelineItem[]>([]);
  /** The conversations waiting for the user to confirm deleting them for good. */
  const deleting = shallowRef<TimelineItem[]>([]);

  /** Asks to confirm deleting the targets for good (Trash and Junk only). */
  function startDelete(items = targets()) {
    const mail = items.filter((i) => i.kind === 'mail-thread');
    if (mail.length === 0 || !canDeleteForever.value) return;
    emptying.value = null;
    deleting.value = mail;
    useUiStore().open('delete');
  }

  /** The folder (Trash or Junk) waiting for the user to confirm emptying it. */
  const emptying = shallowRef<{ accountId: string; path: string; name: string } | null>(null);

  /** Asks to confirm emptying the Trash or Junk folder the list shows. */
  function startEmpty() {
    const scope = timeline.scope;
    const folder = useSidebarStore()
      .summaryOf(scope?.accountId ?? '')
      ?.folders.find((f) => f.id === scope?.mailboxId);
    if (!scope || !folder || !canDeleteForever.value) return;
    deleting.value = [];
    emptying.value = { accountId: scope.accountId, path: folder.path, name: scope.label };
    useUiStore().open('delete');
  }

  async function empty(folder: { accountId: string; path: string; name: string }) {
    const shown = timeline.items;
    leave(shown);
    try {
      await client.invoke('folders.empty', { accountId: folder.accountId, path: folder.path });
      show(t('timeline.toast.emptied', { folder: folder.name }));
    } catch (e) {
      await failed(e);
    }
  }

  /** #: to Trash, or, in Trash, deleting for good once confirmed. */
  function trashOrDelete(items = targets()) {
    if (inTrash.value) startDelete(items);
    else void act('trash', items);
  }

  /** v: asks where to move the targets; network posts have no folders. */
  function startMove(items = targets()) {
    const mail = items.filter((i) => i.kind === 'mail-thread');
    if (items.length === 0) return;
    if (mail.length === 0) return show(t('timeline.toast.mailOnly'));
    moving.value = mail;
    useUiStore().open('move');
  }

  /** !: marks the targets as junk, or takes them out of Junk when the list is Junk. */
  function toggleJunk(items = targets()) {
    return act(inJunk.value ? 'notjunk' : 'junk', items);
  }

  async function mute(items = targets()) {
    const mail = items.filter((i) => i.kind === 'mail-thread');
    if (mail.length === 0) return show(t('timeline.toast.muteMailOnly'));
    leave(mail);
    const setMuted = async (muted: boolean) => {
      for (const i of mail)
        await client.invoke('notify.muteThread', { threadId: i.threadId, muted });
    };
    try {
      await setMuted(true);
      // Muting refreshes nothing in the core's tables the timeline listens to.
      void timeline.refresh();
      show(t('timeline.toast.muted', { n: mail.length }, mail.length), () => setMuted(false));
    } catch (e) {
      await failed(e);
    }
  }

  async function snooze(until: Date, items = targets()) {
    if (items.length === 0) return;
    const itemIds = [...new Set(items.map(itemKey))];
    leave(items);
    try {
      await client.invoke('triage.snooze', { itemIds, until: until.toISOString() });
      const when = until.toLocaleString(undefined, {
        weekday: 'short',
        hour: '2-digit',
        minute: '2-digit',
      });
      show(t('timeline.toast.snoozed', { when }), async () => {
        await client.invoke('triage.snooze', { itemIds, until: null });
      });
    } catch (e) {
      await failed(e);
    }
  }

  onScopeDispose(
    client.on('tasks.failed', (task) => {
      show(
        t('timeline.toast.taskFailed', {
          task: task.description,
          error: task.lastError ?? t('timeline.toast.refused'),
        }),
        undefined,
        true,
      );
      void timeline.refresh();
    }),
  );
  onScopeDispose(() => clearTimeout(toastTimer));

  return {
    checked,
    toast,
    targets,
    toggleCheck,
    clearChecks,
    act,
    inJunk,
    inTrash,
    canDeleteForever,
    toggleJunk,
    deleting,
    startDelete,
    emptying,
    startEmpty,
    empty,
    trashOrDelete,
    moving,
    startMove,
    markAllRead,
    toggleFlag,
    mute,
    snooze,
    show,
    dismiss,
    undoLast,
  };
});
