// Desktop notifications: shows each `notify.show` from the core (the policy already
// decided and coalesced), opens the window on the item when clicked, and runs the
// actions a mail notification offers.
import { Notification } from 'electron';
import type { Client } from '../../shared/contract';
import { IPC_EVENT_CHANNEL } from '../../shared/contract';
import type { NotificationAction, NotificationPayload } from '../../shared/requests/notify';
import { bringToFront, type FocusableWindow } from './single-instance';

const ACTION_LABELS: Record<NotificationAction, string> = {
  'mark-read': 'Mark read',
  archive: 'Archive',
};

export interface DesktopNotificationsOptions {
  client: Client;
  /** Shows the window on one timeline item. */
  openItem: (itemId: string) => void;
  log?: (line: string) => void;
}

export function startDesktopNotifications(options: DesktopNotificationsOptions): () => void {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  // Electron drops the click handlers of a notification that was garbage-collected: keep
  // each one referenced until it is closed.
  const alive = new Set<Notification>();

  const act = (payload: NotificationPayload, action: NotificationAction | undefined) => {
    if (action === 'mark-read' && payload.threadId) {
      options.client
        .invoke('threads.markRead', { threadId: payload.threadId, read: true })
        .catch((error: unknown) => log(`[notify] mark read: ${String(error)}`));
    }
    if (action === 'archive' && payload.threadId) {
      options.client
        .invoke('threads.act', { action: 'archive', threadIds: [payload.threadId] })
        .catch((error: unknown) => log(`[notify] archive: ${String(error)}`));
    }
  };

  const show = (payload: NotificationPayload) => {
    if (!Notification.isSupported()) return;
    const notification = new Notification({
      title: payload.title,
      body: payload.body,
      // The core words the labels in the user's language; older cores sent none.
      actions: payload.actions.map((action) => ({
        type: 'button',
        text: payload.actionLabels?.[action] ?? ACTION_LABELS[action],
      })),
    });
    alive.add(notification);
    notification.on('click', () => {
      const first = payload.itemIds[0];
      if (first) options.openItem(first);
    });
    notification.on('action', (_event, index) => act(payload, payload.actions[index]));
    notification.on('close', () => alive.delete(notification));
    notification.show();
  };

  const unsubscribe = options.client.on('notify.show', show);
  return () => {
    unsubscribe();
    for (const notification of alive) notification.close();
    alive.clear();
  };
}

export interface ItemWindow extends FocusableWindow {
  webContents: {
    isLoading(): boolean;
    once(event: 'did-finish-load', listener: () => void): unknown;
    send(channel: string, ...args: unknown[]): void;
  };
}

/** Brings the window forward and tells its page to show the item, once the page can hear. */
export function openItemIn(window: ItemWindow, itemId: string): void {
  bringToFront(window);
  const send = () =>
    window.webContents.send(IPC_EVENT_CHANNEL, 'app.openItem', { itemId } satisfies {
      itemId: string;
    });
  if (window.webContents.isLoading()) window.webContents.once('did-finish-load', send);
  else send();
}
