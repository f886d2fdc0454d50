// The tray with the 'electron' module faked: its icon and tooltip per state, the badge,
// and what each menu entry does.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UnreadCount } from '../../shared/requests/notify';
import { fakeClient } from './fake-client';

interface MenuItem {
  label?: string;
  enabled?: boolean;
  click?: () => void;
  submenu?: MenuItem[];
}
const fake = vi.hoisted(() => ({
  tray: null as null | {
    image: string;
    tooltip: string;
    menu: MenuItem[];
    destroyed: boolean;
    emit: (e: string) => void;
  },
  badge: -1,
}));

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  class Tray extends EventEmitter {
    image = '';
    tooltip = '';
    menu: MenuItem[] = [];
    destroyed = false;
    constructor(image: { name: string }) {
      super();
      this.image = image.name;
      fake.tray = this;
    }
    setImage(image: { name: string }) {
      this.image = image.name;
    }
    setToolTip(text: string) {
      this.tooltip = text;
    }
    setContextMenu(menu: MenuItem[]) {
      this.menu = menu;
    }
    destroy() {
      this.destroyed = true;
    }
  }
  return {
    Tray,
    Menu: { buildFromTemplate: (items: MenuItem[]) => items },
    app: { setBadgeCount: (n: number) => (fake.badge = n) },
    nativeImage: {
      // Names the image after its state by matching the embedded data.
      createFromDataURL: (url: string) => ({ name: url }),
    },
  };
});

const { TRAY_ICONS } = await import('./tray-icon-data');
const { startTray } = await import('./tray');

const iconName = (url: string) =>
  Object.entries(TRAY_ICONS).find(([, data]) => url.endsWith(data))?.[0];
const unread = (count: number, dndActive = false): UnreadCount => ({
  count,
  mode: 'all',
  dndActive,
});
const settings = { closeToTray: true, launchAtLogin: false };

function find(items: MenuItem[], label: string): MenuItem {
  const found = items.find((i) => i.label === label);
  if (!found) throw new Error(`no menu item ${label}: ${items.map((i) => i.label).join(', ')}`);
  return found;
}

let stop: (() => void) | undefined;
beforeEach(() => vi.useFakeTimers({ toFake: ['setInterval', 'setTimeout', 'clearTimeout'] }));
afterEach(() => {
  stop?.();
  vi.useRealTimers();
});

async function setup(count: UnreadCount) {
  const core = fakeClient({ 'notify.unreadCount': count, 'notify.getSettings': settings });
  const options = {
    client: core.client,
    openWindow: vi.fn(),
    openItem: vi.fn(),
    quit: vi.fn(),
    onSettings: vi.fn(),
  };
  stop = startTray(options);
  await vi.advanceTimersByTimeAsync(0);
  return { core, options, tray: fake.tray! };
}

describe('tray', () => {
  it('shows the unread count in the tooltip and the badge, with the unread icon', async () => {
    const { tray, options } = await setup(unread(3));
    expect(tray.tooltip).toBe('Passerelle: 3 unread');
    expect(iconName(tray.image)).toBe('unread');
    expect(fake.badge).toBe(3);
    expect(options.onSettings).toHaveBeenCalledWith(settings);
  });

  it('has distinct states for offline, sign-in needed and paused', async () => {
    const { tray, core } = await setup(unread(0, true));
    expect(iconName(tray.image)).toBe('dnd');
    expect(tray.tooltip).toMatch(/paused/);
    core.fire('account.status', { accountId: 'a', status: { kind: 'offline' } });
    expect(iconName(tray.image)).toBe('offline');
    expect(tray.tooltip).toMatch(/offline/);
    core.fire('account.status', { accountId: 'b', status: { kind: 'auth-failed' } });
    expect(iconName(tray.image)).toBe('auth-error');
    expect(tray.tooltip).toMatch(/sign-in needed/);
  });

  it('re-counts after the store changes', async () => {
    const { tray, core } = await setup(unread(1));
    core.invoke.mockImplementation(async (name: string) =>
      name === 'notify.unreadCount' ? unread(0) : settings,
    );
    core.fire('db.changed', [{ table: 'messages', op: 'update', ids: ['1'] }]);
    await vi.advanceTimersByTimeAsync(300);
    expect(tray.tooltip).toBe('Passerelle: nothing unread');
    expect(fake.badge).toBe(0);
  });

  it('lists the latest items, and a click opens the window on one', async () => {
    const { tray, core, options } = await setup(unread(1));
    core.fire('notify.show', {
      id: 'n',
      title: 'Carol',
      body: 'Lunch?',
      itemIds: ['mail-thread:4'],
      accountId: 'a',
      actions: [],
    });
    find(tray.menu, 'Carol: Lunch?').click!();
    expect(options.openItem).toHaveBeenCalledWith('mail-thread:4');
    find(tray.menu, 'Open Passerelle').click!();
    tray.emit('click');
    expect(options.openWindow).toHaveBeenCalledTimes(2);
  });

  it('pauses notifications, syncs and quits from the menu', async () => {
    const { tray, core, options } = await setup(unread(0));
    const pause = find(tray.menu, 'Pause notifications').submenu!;
    find(pause, 'For 1 hour').click!();
    find(pause, 'Until tomorrow').click!();
    find(pause, 'Resume notifications').click!();
    find(tray.menu, 'Sync now').click!();
    await vi.advanceTimersByTimeAsync(0);
    expect(core.invoke.mock.calls.map((c) => [c[0], c[1]])).toEqual(
      expect.arrayContaining([
        ['notify.dnd', { action: 'for', minutes: 60 }],
        ['notify.dnd', { action: 'tomorrow' }],
        ['notify.dnd', { action: 'off' }],
        ['sync.now', {}],
      ]),
    );
    find(tray.menu, 'Quit').click!();
    expect(options.quit).toHaveBeenCalled();
    stop!();
    stop = undefined;
    expect(tray.destroyed).toBe(true);
  });
});
