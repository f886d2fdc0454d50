// One Passerelle per profile: a second launch hands over to the first (which comes to
// the front) and quits, since two processes must never write the same database.
import type { App } from 'electron';

export type AppLike = Pick<App, 'requestSingleInstanceLock' | 'quit'> & {
  on(event: 'second-instance', listener: () => void): unknown;
};

/** Returns false when another instance holds the lock; this one is then quitting. */
export function claimSingleInstance(app: AppLike, onSecondInstance: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', onSecondInstance);
  return true;
}

export interface FocusableWindow {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

export function bringToFront(window: FocusableWindow | undefined): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
