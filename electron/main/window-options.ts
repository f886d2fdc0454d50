// The one place BrowserWindow options are decided, so their security settings are
// reviewed and tested together.
import type { BrowserWindowConstructorOptions } from 'electron';

export const APP_NAME = 'Passerelle';

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    title: APP_NAME,
    width: 1200,
    height: 800,
    minWidth: 640,
    minHeight: 420,
    // Shown on 'ready-to-show' so the user never sees an empty white window.
    show: false,
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
    },
  };
}
