// Desktop notifications with the 'electron' module faked: what is shown, where a click
// goes, and what the Mark read button does.
import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL } from '../../shared/contract';
import type { NotificationPayload } from '../../shared/requests/notify';
import { fakeClient } from './fake-client';

const shown = vi.hoisted(() => ({ list: [] as FakeNotification[], supported: true }));
interface FakeNotification extends EventEmitter {
  options: { title: string; body: string; actions: { text: string }[] };
  show: () => void;
  close: () => void;
  visible: boolean;
}

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  class Notification extends EventEmitter {
    static isSupported = () => shown.supported;
    visible = false;
    constructor(readonly options: unknown) {
      super();
    }
    show() {
      this.visible = true;
      shown.list.push(this as unknown as FakeNotification);
    }
    close() {
      this.visible = false;
    }
  }
  return { Notification };
});

const { openItemIn, startDesktopNotifications } = await import('./notifications');

const single: NotificationPayload = {
  id: 'n1',
  title: 'Carol',
  body: 'Lunch at noon?',
  itemIds: ['mail-thread:7'],
  accountId: 'acc',
  threadId: '7',
  actions: ['mark-read'],
};

beforeEach(() => {
  shown.list = [];
  shown.supported = true;
});

describe('desktop notifications', () => {
  it('shows what the core announces, a summary as one notification', () => {
    const core = fakeClient();
    startDesktopNotifications({ client: core.client, openItem: vi.fn() });
    core.fire('notify.show', single);
    core.fire('notify.show', {
      ...single,
      id: 'n2',
      title: '5 new in Work',
      body: 'a\nb',
      itemIds: ['mail-thread:1', 'mail-thread:2'],
      actions: [],
    });
    expect(shown.list.map((n) => n.options.title)).toEqual(['Carol', '5 new in Work']);
    expect(shown.list[0]!.options.actions.map((a) => a.text)).toEqual(['Mark read']);
    expect(shown.list[1]!.options.actions).toEqual([]);
  });

  it('a click opens the window on the item', () => {
    const core = fakeClient();
    const openItem = vi.fn();
    startDesktopNotifications({ client: core.client, openItem });
    core.fire('notify.show', single);
    shown.list[0]!.emit('click');
    expect(openItem).toHaveBeenCalledWith('mail-thread:7');
  });

  it('Mark read and Archive act on the thread through the contract', () => {
    const core = fakeClient();
    startDesktopNotifications({ client: core.client, openItem: vi.fn() });
    core.fire('notify.show', { ...single, actions: ['mark-read', 'archive'] });
    expect(shown.list[0]!.options.actions.map((a) => a.text)).toEqual(['Mark read', 'Archive']);
    shown.list[0]!.emit('action', {}, 0);
    expect(core.invoke).toHaveBeenCalledWith('threads.markRead', { threadId: '7', read: true });
    shown.list[0]!.emit('action', {}, 1);
    expect(core.invoke).toHaveBeenCalledWith('threads.act', {
      action: 'archive',
      threadIds: ['7'],
    });
  });

  it('labels the buttons in the words the core chose for the user’s language', () => {
    const core = fakeClient();
    startDesktopNotifications({ client: core.client, openItem: vi.fn() });
    core.fire('notify.show', {
      ...single,
      actions: ['mark-read', 'archive'],
      actionLabels: { 'mark-read': 'Marquer comme lu', archive: 'Archiver' },
    });
    expect(shown.list[0]!.options.actions.map((a) => a.text)).toEqual([
      'Marquer comme lu',
      'Archiver',
    ]);
  });

  it('shows nothing where the OS has no notifications, and stops on dispose', () => {
    const core = fakeClient();
    const stop = startDesktopNotifications({ client: core.client, openItem: vi.fn() });
    shown.supported = false;
    core.fire('notify.show', single);
    expect(shown.list).toEqual([]);
    shown.supported = true;
    core.fire('notify.show', single);
    stop();
    expect(shown.list[0]!.visible).toBe(false);
    core.fire('notify.show', single);
    expect(shown.list).toHaveLength(1);
  });
});

describe('openItemIn', () => {
  function window(loading: boolean) {
    const contents = Object.assign(new EventEmitter(), {
      isLoading: () => loading,
      send: vi.fn(),
    });
    return {
      calls: [] as string[],
      isDestroyed: () => false,
      isMinimized: () => true,
      restore() {
        this.calls.push('restore');
      },
      show() {
        this.calls.push('show');
      },
      focus() {
        this.calls.push('focus');
      },
      webContents: contents,
    };
  }

  it('brings the window forward and tells the page which item to show', () => {
    const win = window(false);
    openItemIn(win, 'mail-thread:7');
    expect(win.calls).toEqual(['restore', 'show', 'focus']);
    expect(win.webContents.send).toHaveBeenCalledWith(IPC_EVENT_CHANNEL, 'app.openItem', {
      itemId: 'mail-thread:7',
    });
  });

  it('waits for a page still loading (a window just reopened from the tray)', () => {
    const win = window(true);
    openItemIn(win, 'mail-thread:7');
    expect(win.webContents.send).not.toHaveBeenCalled();
    win.webContents.emit('did-finish-load');
    expect(win.webContents.send).toHaveBeenCalledOnce();
  });
});
