// Wires the desktop shell together: lifecycle, the window, session policy, the core
// worker and the IPC relay. Decisions live in the small modules it imports.
import { join } from 'node:path';
import { BrowserWindow, app, ipcMain, safeStorage, session, shell } from 'electron';
import { appPages } from './app-pages';
import { startCoreHost, type CoreHost } from './core-host';
import { createSenderCheck, forwardCoreEvents, registerIpcRelay } from './ipc-relay';
import { hardenWebContents } from './navigation';
import { openItemIn, startDesktopNotifications } from './notifications';
import { createSafeStorageCipher } from './safe-storage-cipher';
import { applySessionPolicy, contentSecurityPolicy } from './session-policy';
import { bringToFront, claimSingleInstance } from './single-instance';
import { startTray } from './tray';
import { APP_NAME, mainWindowOptions } from './window-options';

export interface AppPaths {
  /** Folder holding the built main-process files (out/main). */
  mainDir: string;
  devServerUrl?: string;
}

export function startApp(paths: AppPaths): void {
  // The profile folder must match what the CLI and browser mode use by default
  // (electron/core/profile.ts), whatever the package's name.
  app.setName(APP_NAME);
  app.setPath('userData', join(app.getPath('appData'), APP_NAME));

  let window: BrowserWindow | undefined;
  if (!claimSingleInstance(app, () => bringToFront(window))) return;

  const pages = appPages(join(paths.mainDir, '../renderer/index.html'), paths.devServerUrl);
  const openExternal = (url: string) => shell.openExternal(url);
  app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(contents, openExternal, pages.isAppUrl),
  );

  let core: CoreHost | undefined;
  // Closing the window keeps the app in the tray (a setting) until the user quits.
  let closeToTray = true;
  let quitting = false;
  let openAtLogin: boolean | undefined;

  function createWindow(): BrowserWindow {
    const created = new BrowserWindow(
      mainWindowOptions(join(paths.mainDir, '../preload/index.js')),
    );
    created.once('ready-to-show', () => created.show());
    created.on('close', (event) => {
      if (!closeToTray || quitting) return;
      event.preventDefault();
      created.hide();
    });
    created.on('closed', () => {
      if (window === created) window = undefined;
    });
    if (pages.entry.kind === 'url') void created.loadURL(pages.entry.url);
    else void created.loadFile(pages.entry.path);
    return created;
  }

  void app.whenReady().then(() => {
    applySessionPolicy(
      session.defaultSession,
      pages.isAppUrl,
      contentSecurityPolicy(!!paths.devServerUrl),
    );
    core = startCoreHost({
      workerFile: join(paths.mainDir, 'core-worker.js'),
      profileDir: app.getPath('userData'),
      cipher: createSafeStorageCipher(safeStorage),
    });
    const contents = () => window?.webContents;
    registerIpcRelay(ipcMain, core.client, createSenderCheck(contents, pages.isAppUrl));
    forwardCoreEvents(core.client, contents);
    window = createWindow();
    const openWindow = () => bringToFront((window ??= createWindow()));
    const openItem = (itemId: string) => openItemIn((window ??= createWindow()), itemId);
    startDesktopNotifications({ client: core.client, openItem });
    startTray({
      client: core.client,
      openWindow,
      openItem,
      quit: () => app.quit(),
      onSettings: (settings) => {
        closeToTray = settings.closeToTray;
        if (openAtLogin === settings.launchAtLogin) return;
        openAtLogin = settings.launchAtLogin;
        app.setLoginItemSettings({ openAtLogin });
      },
    });
  });

  app.on('activate', () => {
    if (app.isReady() && !window) window = createWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Let the core close the database and IMAP sessions before the process ends.
  let shutDown = false;
  app.on('before-quit', (event) => {
    quitting = true;
    if (shutDown || !core) return;
    event.preventDefault();
    void core.dispose().finally(() => {
      shutDown = true;
      app.quit();
    });
  });
}
