// The shell's wiring with the 'electron' module faked: what a user would notice if a
// line of app.ts went missing (no lock, an insecure window, no IPC, no clean shutdown).
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_INVOKE_CHANNEL } from '../../shared/contract';
import type { FakeWindow, fakeApp as FakeApp } from './fake-electron';

const fake = vi.hoisted(() => ({
  state: {} as {
    app: ReturnType<typeof FakeApp>;
    windows: FakeWindow[];
    handlers: Map<string, (...args: unknown[]) => unknown>;
  },
}));

vi.mock('electron', async () => {
  const { FakeWindow } = await import('./fake-electron');
  return {
    app: new Proxy(
      {},
      { get: (_target, key) => fake.state.app[key as keyof typeof fake.state.app] },
    ),
    BrowserWindow: class extends FakeWindow {
      constructor(options: unknown) {
        super(options as FakeWindow['options']);
        fake.state.windows.push(this);
      }
    },
    ipcMain: {
      handle: (channel: string, handler: (...args: unknown[]) => unknown) =>
        fake.state.handlers.set(channel, handler),
      removeHandler: (channel: string) => fake.state.handlers.delete(channel),
    },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: vi.fn() },
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        setDevicePermissionHandler: vi.fn(),
      },
    },
    shell: { openExternal: vi.fn(async () => undefined) },
    // The tray and notifications have their own specs (tray.spec.ts, notifications.spec.ts).
    Notification: { isSupported: () => false },
    Tray: class {
      on = vi.fn();
      setImage = vi.fn();
      setToolTip = vi.fn();
      setContextMenu = vi.fn();
    },
    Menu: { buildFromTemplate: (template: unknown) => template },
    nativeImage: { createFromDataURL: () => ({}) },
    safeStorage: {
      isAsyncEncryptionAvailable: async () => true,
      encryptStringAsync: async (text: string) => Buffer.from(text),
      decryptStringAsync: async (data: Buffer) => ({
        result: data.toString(),
        shouldReEncrypt: false,
      }),
    },
  };
});

const coreHost = vi.hoisted(() => ({
  dispose: vi.fn(async () => undefined),
  invoke: vi.fn(async (): Promise<unknown> => ['account']),
  startCoreHost: vi.fn(),
}));
vi.mock('./core-host', () => ({
  startCoreHost: coreHost.startCoreHost.mockImplementation(() => ({
    client: { invoke: coreHost.invoke, on: () => () => undefined },
    dispose: coreHost.dispose,
  })),
}));

const { fakeApp } = await import('./fake-electron');
const { startApp } = await import('./app');

const mainDir = '/opt/passerelle/out/main';

beforeEach(() => {
  fake.state.app = fakeApp();
  fake.state.windows = [];
  fake.state.handlers = new Map();
  vi.clearAllMocks();
});

async function started(lock = true) {
  fake.state.app.lock = lock;
  startApp({ mainDir });
  await fake.state.app.ready;
  await Promise.resolve();
}

describe('startApp', () => {
  it('quits without a window or a core when another instance runs', async () => {
    await started(false);
    expect(fake.state.app.quit).toHaveBeenCalled();
    expect(fake.state.windows).toHaveLength(0);
    expect(coreHost.startCoreHost).not.toHaveBeenCalled();
  });

  it('brings the existing window to the front on a second launch', async () => {
    await started();
    const [window] = fake.state.windows;
    window!.minimized = true;
    fake.state.app.emit('second-instance');
    expect(window!.calls).toEqual(expect.arrayContaining(['restore', 'show', 'focus']));
    expect(fake.state.windows).toHaveLength(1);
  });

  it('opens one sandboxed, isolated window on the built renderer with our preload', async () => {
    await started();
    expect(fake.state.windows).toHaveLength(1);
    const [window] = fake.state.windows;
    expect(window!.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      preload: join(mainDir, '../preload/index.js'),
    });
    expect(window!.loaded).toBe(join(mainDir, '../renderer/index.html'));
  });

  it('keeps the profile in the same folder as the CLI and browser mode', async () => {
    await started();
    expect(fake.state.app.setPath).toHaveBeenCalledWith(
      'userData',
      join('/home/u/.config', 'Passerelle'),
    );
    expect(coreHost.startCoreHost).toHaveBeenCalledWith(
      expect.objectContaining({
        profileDir: join('/home/u/.config', 'Passerelle'),
        workerFile: join(mainDir, 'core-worker.js'),
      }),
    );
  });

  it("answers the window's requests from the core and refuses other senders", async () => {
    await started();
    const [window] = fake.state.windows;
    const handler = fake.state.handlers.get(IPC_INVOKE_CHANNEL);
    const ours = { sender: window!.webContents, senderFrame: window!.webContents.mainFrame };
    await expect(handler?.(ours, 'accounts.list', {})).resolves.toEqual({
      ok: true,
      value: ['account'],
    });
    const foreign = { sender: { mainFrame: {} }, senderFrame: {} };
    await expect(handler?.(foreign, 'accounts.list', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    // The tray asks the core for its own counts; only one request came from a window.
    const fromWindows = coreHost.invoke.mock.calls.filter(
      (call: unknown[]) => !String(call[0]).startsWith('notify.'),
    );
    expect(fromWindows).toHaveLength(1);
  });

  it('lets the core shut down before quitting', async () => {
    await started();
    const event = { preventDefault: vi.fn() };
    fake.state.app.emit('before-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(fake.state.app.quit).toHaveBeenCalled());
    expect(coreHost.dispose).toHaveBeenCalledOnce();
    const second = { preventDefault: vi.fn() };
    fake.state.app.emit('before-quit', second);
    expect(second.preventDefault).not.toHaveBeenCalled();
  });
});
