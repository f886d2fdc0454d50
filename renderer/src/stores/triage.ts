// Triage actions on the selected rows (or the checked ones, for bulk actions): archive,
// trash, junk, move, flag, read/unread, mute and snooze. Each applies at once in the
// list, then asks the core; a refusal restores the list and says why. Undoable actions
// leave a toast whose Undo reverses them: tasks.undo for outbox tasks, unmute /
// un-snooze for local ones. What depends on the folder shown or asks first (not junk,
// delete forever, empty, the move picker, mark all read) is in list-actions.ts.
import { defineStore } from 'pinia';
import { onScopeDispose, ref, shallowRef } from 'vue';
import type { TimelineItem } from '../../../shared/domain';
import type { MailAction, TaskInfo } from '../../../shared/requests/mail-actions';
import { errorMessage, useClient } from '../api/client';
import { t } from '../i18n';
import { useReaderStore } from './reader';
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
    leave,
    failed,
    toggleFlag,
    mute,
    snooze,
    show,
    dismiss,
    undoLast,
  };
});
