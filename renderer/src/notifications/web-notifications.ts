// Browser mode shows the core's notifications with the Web Notifications API. The
// desktop app does not: its main process shows them natively (electron/main).
import type { NotificationPayload } from '../../../shared/requests/notify';

/** The DOM typings put Notification on the global scope, not on Window. */
export type NotifyingWindow = Window & { Notification: typeof Notification };

export function webNotificationsAvailable(win: Window): win is NotifyingWindow {
  return 'Notification' in win && !win.passerelle;
}

/** Asks once; browsers only show the prompt when the page has not been answered yet. */
export async function askPermission(win: NotifyingWindow): Promise<void> {
  if (win.Notification.permission === 'default') {
    await win.Notification.requestPermission().catch(() => undefined);
  }
}

export function showWebNotification(
  win: NotifyingWindow,
  payload: NotificationPayload,
  onClick: (itemId: string) => void,
): void {
  if (win.Notification.permission !== 'granted') return;
  // The tag makes a repeated payload replace its notification instead of stacking.
  const notification = new win.Notification(payload.title, { body: payload.body, tag: payload.id });
  notification.onclick = () => {
    win.focus();
    const first = payload.itemIds[0];
    if (first) onClick(first);
    notification.close();
  };
}

/** The thread a timeline item id names (`mail-thread:12` → `12`), if it is a mail thread. */
export function threadOfItem(itemId: string): string | null {
  const match = /^mail-thread:(.+)$/.exec(itemId);
  return match ? match[1]! : null;
}
