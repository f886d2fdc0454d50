// The list actions (list-actions.ts) with the triage store: junk / not junk, move,
// delete forever, empty and mark all read; what reaches the core, what the list and the
// toast show, and when the move picker and the delete confirmation open.
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TimelineItem } from '../../../shared/domain';
import type { SidebarAccount } from '../../../shared/requests/triage';
import { setClient } from '../api/client';
import { fakeClient, type FakeClient } from './fake-client';
import { makeItem, pageOf } from './fake-timeline';
import { useSidebarStore } from './sidebar';
import { useTimelineStore } from './timeline';
import { useListActionsStore } from './list-actions';
import { useTriageStore } from './triage';
import { useUiStore } from './ui';

const SIDEBAR: SidebarAccount[] = [
  {
    accountId: 'a1',
    paused: false,
    unread: 0,
    folders: [
      { id: 1, path: 'INBOX', role: 'inbox', unread: 0 },
      { id: 7, path: 'Spam', role: 'junk', unread: 0 },
      { id: 8, path: 'Trash', role: 'trash', unread: 0 },
      { id: 9, path: 'Projects', role: null, unread: 0 },
    ],
    spaces: [],
  },
];

let all: TimelineItem[];
let client: FakeClient;

const acts = () =>
  client.calls.filter((c) => c.name === 'threads.act').map((c) => c.params as object);

beforeEach(async () => {
  all = [
    makeItem(1, { unread: true }),
    makeItem(2),
    makeItem(3, { kind: 'rse-post', postId: '5', unread: true }),
  ];
  client = fakeClient({
    'timeline.page': (q) => pageOf(all, q),
    'threads.act': () => [],
    'folders.empty': () => [],
    'timeline.markAllRead': () => [
      {
        id: '9',
        accountId: 'a1',
        kind: 'flags',
        state: 'pending',
        description: 'Mark read (40 messages)',
        attempts: 0,
        nextAttemptAt: null,
        lastError: null,
        createdAt: '2026-12-05T10:00:00.000Z',
        updatedAt: '2026-12-05T10:00:00.000Z',
        undoable: true,
        draftId: null,
      },
    ],
    'tasks.undo': ({ taskId }) => ({ id: taskId }) as never,
    'triage.sidebar': () => SIDEBAR,
    'searches.list': () => [],
  });
  setClient(client, client);
  setActivePinia(createPinia());
  await useTimelineStore().reload();
  await useSidebarStore().load();
});

describe('junk and move', () => {
  it('marks junk in the inbox and takes out of Junk in the Junk folder', async () => {
    const timeline = useTimelineStore();
    const triage = useTriageStore();
    const listActions = useListActionsStore();
    timeline.select('t000002');
    await listActions.toggleJunk();
    expect(acts()).toEqual([{ action: 'junk', threadIds: ['t000002'] }]);
    expect(timeline.items.map((i) => i.id)).not.toContain('t000002');
    expect(triage.toast?.message).toBe('Marked as junk: 1 conversation');

    timeline.setView('all', { accountId: 'a1', mailboxId: 7, label: 'Junk' });
    await timeline.reload();
    expect(listActions.inJunk).toBe(true);
    timeline.select('t000001');
    await listActions.toggleJunk();
    expect(acts()[1]).toEqual({ action: 'notjunk', threadIds: ['t000001'] });
    expect(triage.toast?.message).toBe('Back in the inbox: 1 conversation');
  });

  it('moves to the chosen folder by its path and names it in the toast', async () => {
    const triage = useTriageStore();
    await triage.act('move', [makeItem(1)], { path: 'Projects', name: 'Projects' });
    expect(acts()).toEqual([{ action: 'move', threadIds: ['t000001'], folder: 'Projects' }]);
    expect(triage.toast?.message).toBe('Moved to Projects: 1 conversation');
  });

  it('opens the move picker for mail only', () => {
    const timeline = useTimelineStore();
    const triage = useTriageStore();
    const listActions = useListActionsStore();
    const ui = useUiStore();
    timeline.select('t000003');
    listActions.startMove();
    expect(ui.overlay).toBeNull();
    expect(triage.toast?.message).toMatch(/this action is for mail/);

    timeline.select('t000001');
    listActions.startMove();
    expect(ui.overlay).toBe('move');
    expect(listActions.moving.map((i) => i.id)).toEqual(['t000001']);
  });

  it('trashes outside Trash; in Trash asks before deleting for good', async () => {
    const timeline = useTimelineStore();
    const triage = useTriageStore();
    const listActions = useListActionsStore();
    const ui = useUiStore();
    timeline.select('t000001');
    listActions.trashOrDelete();
    expect(acts()).toEqual([{ action: 'trash', threadIds: ['t000001'] }]);
    expect(ui.overlay).toBeNull();

    timeline.setView('all', { accountId: 'a1', mailboxId: 8, label: 'Trash' });
    await timeline.reload();
    timeline.select('t000002');
    listActions.trashOrDelete();
    expect(ui.overlay).toBe('delete');
    expect(listActions.deleting.map((i) => i.id)).toEqual(['t000002']);
    expect(acts()).toHaveLength(1);
    await triage.act('delete', listActions.deleting);
    expect(acts()[1]).toEqual({ action: 'delete', threadIds: ['t000002'] });
    expect(triage.toast?.message).toBe('Deleted forever: 1 conversation');
    expect(triage.toast?.undo).toBeUndefined();
  });

  it('empties the Trash the list shows, once asked, and says so', async () => {
    const timeline = useTimelineStore();
    const triage = useTriageStore();
    const listActions = useListActionsStore();
    const ui = useUiStore();
    listActions.startEmpty();
    expect(ui.overlay).toBeNull(); // the inbox cannot be emptied

    timeline.setView('all', { accountId: 'a1', mailboxId: 8, label: 'Trash' });
    await timeline.reload();
    listActions.startEmpty();
    expect(ui.overlay).toBe('delete');
    expect(listActions.emptying).toEqual({ accountId: 'a1', path: 'Trash', name: 'Trash' });
    await listActions.empty(listActions.emptying!);
    const calls = client.calls.filter((c) => c.name === 'folders.empty');
    expect(calls.map((c) => c.params)).toEqual([{ accountId: 'a1', path: 'Trash' }]);
    expect(timeline.items).toEqual([]);
    expect(triage.toast?.message).toBe('Trash emptied');
  });

  it('marks all the mail of the list read, beyond the loaded rows, with an undo', async () => {
    const timeline = useTimelineStore();
    const triage = useTriageStore();
    const listActions = useListActionsStore();
    timeline.setView('all', { accountId: 'a1', mailboxId: 9, label: 'Projects' });
    await timeline.reload();
    await listActions.markAllRead('Projects');
    const call = client.calls.find((c) => c.name === 'timeline.markAllRead');
    expect(call?.params).toEqual({ view: 'all', accountId: 'a1', mailboxId: 9 });
    expect(timeline.items.find((i) => i.id === 't000001')?.unread).toBe(false);
    // Posts keep their state.
    expect(timeline.items.find((i) => i.id === 't000003')?.unread).toBe(true);
    expect(triage.toast?.message).toBe('All mail in Projects marked read');
    await triage.undoLast();
    expect(client.calls.filter((c) => c.name === 'tasks.undo').map((c) => c.params)).toEqual([
      { taskId: '9' },
    ]);
  });
});
