// The tray: an icon whose state says offline / sign-in needed / paused / unread, a
// tooltip with the unread count (the mode the user chose), the dock or taskbar badge,
// and a menu to open the app, jump to the latest items, pause notifications, sync, quit.
import { Menu, Tray, app, nativeImage, type MenuItemConstructorOptions } from 'electron';
import type { Client } from '../../shared/contract';
import type { AccountStatusKind } from '../../shared/domain';
import type { DndParams, UnreadCount } from '../../shared/requests/notify';
import { TRAY_ICONS, type TrayIconState } from './tray-icon-data';
import { APP_NAME } from './window-options';

export interface TrayOptions {
  client: Client;
  openWindow: () => void;
  openItem: (itemId: string) => void;
  quit: () => void;
  /** Settings the shell applies (close to tray, launch at login). */
  onSettings?: (settings: { closeToTray: boolean; launchAtLogin: boolean }) => void;
  log?: (line: string) => void;
  /** Re-reads the count this often, so a do-not-disturb that ends by itself shows. */
  refreshMs?: number;
}

const LATEST = 5;

export interface TrayState {
  unread: UnreadCount | null;
  statuses: Map<string, AccountStatusKind>;
}

/** Which icon and tooltip the state deserves; problems outrank news. */
export function trayLook(state: TrayState): { icon: TrayIconState; tooltip: string } {
  const kinds = [...state.statuses.values()];
  const count = state.unread?.count ?? 0;
  const unread = count > 0 ? `${count} unread` : 'nothing unread';
  if (kinds.includes('auth-failed')) {
    return { icon: 'auth-error', tooltip: `${APP_NAME}: sign-in needed (${unread})` };
  }
  if (kinds.length > 0 && kinds.every((k) => k === 'offline' || k === 'error')) {
    return { icon: 'offline', tooltip: `${APP_NAME}: offline (${unread})` };
  }
  if (state.unread?.dndActive) {
    return { icon: 'dnd', tooltip: `${APP_NAME}: notifications paused (${unread})` };
  }
  return { icon: count > 0 ? 'unread' : 'normal', tooltip: `${APP_NAME}: ${unread}` };
}

export function startTray(options: TrayOptions): () => void {
  const { client } = options;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const icons = new Map(
    Object.entries(TRAY_ICONS).map(([name, data]) => [
      name,
      nativeImage.createFromDataURL(`data:image/png;base64,${data}`),
    ]),
  );
  const tray = new Tray(icons.get('normal')!);
  const state: TrayState = { unread: null, statuses: new Map() };
  const latest: { itemId: string; label: string }[] = [];

  const call = (what: string, work: Promise<unknown>) =>
    void work.catch((error: unknown) => log(`[tray] ${what}: ${String(error)}`));
  const pause = (params: DndParams) =>
    call('pause', client.invoke('notify.dnd', params).then(refresh));

  function render(): void {
    const look = trayLook(state);
    tray.setImage(icons.get(look.icon)!);
    tray.setToolTip(look.tooltip);
    // The dock (macOS) or launcher (Linux Unity) badge; Windows ignores it.
    app.setBadgeCount(state.unread?.count ?? 0);
    const items: MenuItemConstructorOptions[] = [
      { label: `Open ${APP_NAME}`, click: options.openWindow },
      { type: 'separator' },
      ...(latest.length === 0
        ? [{ label: 'No new items', enabled: false }]
        : latest.map((item) => ({
            label: item.label,
            click: () => options.openItem(item.itemId),
          }))),
      { type: 'separator' },
      {
        label: state.unread?.dndActive ? 'Notifications paused' : 'Pause notifications',
        submenu: [
          { label: 'For 1 hour', click: () => pause({ action: 'for', minutes: 60 }) },
          { label: 'Until tomorrow', click: () => pause({ action: 'tomorrow' }) },
          { label: 'Until I resume them', click: () => pause({ action: 'on' }) },
          { type: 'separator' },
          {
            label: 'Resume notifications',
            enabled: state.unread?.dndActive ?? false,
            click: () => pause({ action: 'off' }),
          },
        ],
      },
      { label: 'Sync now', click: () => call('sync', client.invoke('sync.now', {})) },
      { type: 'separator' },
      { label: 'Quit', click: options.quit },
    ];
    tray.setContextMenu(Menu.buildFromTemplate(items));
  }

  async function refresh(): Promise<void> {
    const [unread, settings] = await Promise.all([
      client.invoke('notify.unreadCount', {}),
      client.invoke('notify.getSettings', {}),
    ]);
    state.unread = unread;
    options.onSettings?.({
      closeToTray: settings.closeToTray,
      launchAtLogin: settings.launchAtLogin,
    });
    render();
  }

  // Counting on every commit would be wasteful during a sync: one read per quiet moment.
  let pending: NodeJS.Timeout | undefined;
  const refreshSoon = () => {
    clearTimeout(pending);
    pending = setTimeout(() => call('refresh', refresh()), 250);
  };

  tray.on('click', options.openWindow);
  const unsubscribes = [
    client.on('db.changed', refreshSoon),
    client.on('account.status', ({ accountId, status }) => {
      state.statuses.set(accountId, status.kind);
      render();
    }),
    client.on('notify.show', (payload) => {
      const itemId = payload.itemIds[0];
      if (!itemId) return;
      latest.unshift({ itemId, label: `${payload.title}: ${payload.body}`.slice(0, 60) });
      latest.splice(LATEST);
      render();
    }),
  ];
  const timer = setInterval(refreshSoon, options.refreshMs ?? 60_000);
  render();
  call('refresh', refresh());

  return () => {
    clearInterval(timer);
    clearTimeout(pending);
    for (const unsubscribe of unsubscribes) unsubscribe();
    tray.destroy();
  };
}
