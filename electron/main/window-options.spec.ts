import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from './window-options';

describe('mainWindowOptions', () => {
  it('isolates the page from Node and Electron', () => {
    const prefs = mainWindowOptions('/app/out/preload/index.js').webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('waits for the first paint before showing the window', () => {
    expect(mainWindowOptions('/p.js').show).toBe(false);
  });
});
