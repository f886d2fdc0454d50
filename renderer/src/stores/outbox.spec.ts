// The outbox store: the sends the core has not sent (oldest first), cancel-and-edit that
// gives the draft back to the composer, try again, and a reload when a send changes or
// the link to the core comes back.
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Draft } from '../../../shared/requests/compose';
import type { TaskInfo } from '../../../shared/requests/mail-actions';
import { setClient } from '../api/client';
import { useComposerStore } from './composer';
import { fakeClient, type FakeClient } from './fake-client';
import { useOutboxStore } from './outbox';

function task(id: string, patch: Partial<TaskInfo> = {}): TaskInfo {
  return {
    id,
    accountId: 'acc',
    kind: 'send',
    state: 'pending',
    description: `Send “${id}” to bob@example.test`,
    attempts: 0,
    nextAttemptAt: '2026-12-06T09:00:00.000Z',
    lastError: null,
    createdAt: '2026-12-05T09:00:00.000Z',
    updatedAt: '2026-12-05T09:00:00.000Z',
    undoable: true,
    draftId: `d${id}`,
    ...patch,
  };
}

let client: FakeClient;
let open: TaskInfo[];

beforeEach(() => {
  // tasks.list answers newest first, as the core does.
  open = [
    task('3', { state: 'failed', lastError: '550 relay denied', undoable: false }),
    task('2', { kind: 'flags', draftId: null }),
    task('1'),
  ];
  client = fakeClient({
    'tasks.list': async () => open,
    'tasks.undo': async ({ taskId }) => {
      open = open.filter((t) => t.id !== taskId);
      return task(taskId, { state: 'undone' });
    },
    'tasks.retry': async ({ taskId }) => task(taskId),
    'drafts.save': async (params): Promise<Draft> => ({ ...draft(params.id!), ...params }) as Draft,
    'drafts.get': async ({ id }) => draft(id),
  });
  setClient(client, client);
  setActivePinia(createPinia());
});

function draft(id: string): Draft {
  return {
    id,
    accountId: 'acc',
    to: ['bob@example.test'],
    cc: [],
    bcc: [],
    subject: 'Later',
    text: 'hi',
    html: null,
    inReplyTo: null,
    references: [],
    attachments: [],
    sendTaskId: null,
    updatedAt: '2026-12-05T09:00:00.000Z',
  };
}

describe('the outbox', () => {
  it('lists the sends not sent yet, oldest first, and no other task', async () => {
    const outbox = useOutboxStore();
    await outbox.load();
    expect(outbox.sends.map((t) => t.id)).toEqual(['1', '3']);
  });

  it('cancels a pending send and reopens its draft in the composer', async () => {
    const outbox = useOutboxStore();
    await outbox.load();
    await outbox.edit(outbox.sends[0]!);
    expect(client.calls.find((c) => c.name === 'tasks.undo')?.params).toEqual({ taskId: '1' });
    const composer = useComposerStore();
    expect(composer.open).toBe(true);
    expect(composer.draftId).toBe('d1');
    expect(composer.subject).toBe('Later');
    // Saved again at once, so the core brings its Drafts-folder copy up to date.
    expect(client.calls.at(-2)).toMatchObject({ name: 'drafts.save', params: { id: 'd1' } });
    expect(outbox.sends.map((t) => t.id)).toEqual(['3']);
  });

  it('tries a failed send again, and says why when the core refuses', async () => {
    const outbox = useOutboxStore();
    await outbox.load();
    await outbox.retry(outbox.sends[1]!);
    expect(client.calls.find((c) => c.name === 'tasks.retry')?.params).toEqual({ taskId: '3' });
    client.handlers['tasks.retry'] = async () => {
      throw new Error('Task 3 has not failed.');
    };
    await outbox.retry(outbox.sends[1]!);
    expect(outbox.error).toBe('Task 3 has not failed.');
  });

  it('reloads when a send changes, not for other tasks', async () => {
    const outbox = useOutboxStore();
    await outbox.load();
    const lists = () => client.calls.filter((c) => c.name === 'tasks.list').length;
    const before = lists();
    client.emit('tasks.changed', [task('2', { kind: 'flags' })]);
    client.emit('tasks.changed', [task('1', { state: 'done' })]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(lists()).toBe(before + 1);
  });

  it('reads the list again after the link to the core comes back (browser mode)', async () => {
    const outbox = useOutboxStore();
    await outbox.load();
    client.setConnection({ state: 'disconnected', retryInMs: 1000 });
    // Sent while the page was cut off: its tasks.changed never reached the page.
    open = open.filter((t) => t.id !== '1');
    client.setConnection({ state: 'connected' });
    await vi.waitFor(() => expect(outbox.sends.map((t) => t.id)).toEqual(['3']));
  });
});
