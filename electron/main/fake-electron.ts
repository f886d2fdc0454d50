// Stand-ins for Electron's app and BrowserWindow, for app.spec.ts (not shipped).
import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';
import { vi } from 'vitest';

export function fakeApp() {
  const emitter = new EventEmitter();
  const app = {
    lock: true,
    ready: Promise.resolve(),
    emit: (event: string, ...args: unknown[]) => emitter.emit(event, ...args),
    on: (event: string, listener: (...args: unknown[]) => void) => emitter.on(event, listener),
    once: (event: string, listener: (...args: unknown[]) => void) => emitter.once(event, listener),
    requestSingleInstanceLock: () => app.lock,
    quit: vi.fn(),
    setBadgeCount: vi.fn(),
    setLoginItemSettings: vi.fn(),
    setName: vi.fn(),
    setPath: vi.fn(),
    getPath: (name: string) =>
      name === 'appData' ? '/home/u/.config' : '/home/u/.config/Passerelle',
    isReady: () => true,
    whenReady: () => app.ready,
  };
  return app;
}

export class FakeWindow extends EventEmitter {
  readonly calls: string[] = [];
  minimized = false;
  loaded: string | undefined;
  readonly webContents = {
    mainFrame: { url: '' },
    isDestroyed: () => false,
    send: vi.fn(),
  };
  constructor(readonly options: { webPreferences?: Record<string, unknown> }) {
    super();
  }
  isDestroyed = () => false;
  isMinimized = () => this.minimized;
  restore = () => this.calls.push('restore');
  show = () => this.calls.push('show');
  focus = () => this.calls.push('focus');
  loadURL = async (url: string) => {
    this.loaded = url;
    this.webContents.mainFrame.url = url;
  };
  loadFile = async (path: string) => {
    this.loaded = path;
    this.webContents.mainFrame.url = pathToFileURL(path).href;
  };
}
