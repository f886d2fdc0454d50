import { describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type Client } from '../../shared/contract';
import { RemoteError } from '../../shared/rpc';
import { createSenderCheck, forwardCoreEvents, registerIpcRelay } from './ipc-relay';

type Handler = (event: unknown, ...args: unknown[]) => Promise<unknown>;

function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  return {
    handlers,
    handle: vi.fn((channel: string, handler: Handler) => void handlers.set(channel, handler)),
    removeHandler: vi.fn((channel: string) => void handlers.delete(channel)),
  };
}

function fakeClient() {
  const listeners = new Map<string, (payload: unknown) => void>();
  const client = {
    invoke: vi.fn(async (name: string, params: unknown): Promise<unknown> => ({ name, params })),
    on: vi.fn((event: string, listener: (payload: unknown) => void) => {
      listeners.set(event, listener);
      return () => listeners.delete(event);
    }),
  };
  return { client, asClient: client as unknown as Client, listeners };
}

const trustAll = () => true;

describe('registerIpcRelay', () => {
  it('forwards a request to the core and answers with its value as an outcome', async () => {
    const ipcMain = fakeIpcMain();
    const { client, asClient } = fakeClient();
    registerIpcRelay(ipcMain, asClient, trustAll);
    const handler = ipcMain.handlers.get(IPC_INVOKE_CHANNEL);
    const outcome = await handler?.({}, 'threads.get', { threadId: 't1' });
    expect(client.invoke).toHaveBeenCalledWith('threads.get', { threadId: 't1' });
    expect(outcome).toEqual({
      ok: true,
      value: { name: 'threads.get', params: { threadId: 't1' } },
    });
  });

  it('passes error details through (a refused certificate and its fingerprint)', async () => {
    const ipcMain = fakeIpcMain();
    const { client, asClient } = fakeClient();
    const error = {
      code: 'certificate-untrusted',
      message: 'Untrusted certificate.',
      details: { fingerprint: 'AB:CD', reason: 'DEPTH_ZERO_SELF_SIGNED_CERT' },
    };
    client.invoke.mockRejectedValueOnce(new RemoteError(error));
    registerIpcRelay(ipcMain, asClient, trustAll);
    const outcome = await ipcMain.handlers.get(IPC_INVOKE_CHANNEL)?.({}, 'accounts.list', {});
    expect(outcome).toEqual({ ok: false, error });
  });

  it("passes the core's error code and message through", async () => {
    const ipcMain = fakeIpcMain();
    const { client, asClient } = fakeClient();
    client.invoke.mockRejectedValueOnce(
      new RemoteError({ code: 'not-found', message: 'No such thread.' }),
    );
    registerIpcRelay(ipcMain, asClient, trustAll);
    const outcome = await ipcMain.handlers.get(IPC_INVOKE_CHANNEL)?.({}, 'threads.get', {
      threadId: 'x',
    });
    expect(outcome).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'No such thread.' },
    });
  });

  it('hides unexpected error text from the renderer', async () => {
    const ipcMain = fakeIpcMain();
    const { client, asClient } = fakeClient();
    client.invoke.mockRejectedValueOnce(new Error('password=hunter2'));
    registerIpcRelay(ipcMain, asClient, trustAll);
    const outcome = await ipcMain.handlers.get(IPC_INVOKE_CHANNEL)?.({}, 'accounts.list', {});
    expect(JSON.stringify(outcome)).not.toContain('hunter2');
    expect(outcome).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('refuses names outside the contract without calling the core', async () => {
    const ipcMain = fakeIpcMain();
    const { client, asClient } = fakeClient();
    registerIpcRelay(ipcMain, asClient, trustAll);
    const handler = ipcMain.handlers.get(IPC_INVOKE_CHANNEL);
    for (const name of ['constructor', '__proto__', 'fs.readFile', 42]) {
      expect(await handler?.({}, name, {})).toMatchObject({
        ok: false,
        error: { code: 'unknown-request' },
      });
    }
    expect(client.invoke).not.toHaveBeenCalled();
  });

  it('refuses a sender that fails the check without calling the core', async () => {
    const ipcMain = fakeIpcMain();
    const { client, asClient } = fakeClient();
    registerIpcRelay(ipcMain, asClient, () => false);
    const outcome = await ipcMain.handlers.get(IPC_INVOKE_CHANNEL)?.({}, 'accounts.list', {});
    expect(outcome).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(client.invoke).not.toHaveBeenCalled();
  });

  it('unregisters its handler when disposed', () => {
    const ipcMain = fakeIpcMain();
    const dispose = registerIpcRelay(ipcMain, fakeClient().asClient, trustAll);
    dispose();
    expect(ipcMain.handlers.has(IPC_INVOKE_CHANNEL)).toBe(false);
  });
});

describe('createSenderCheck', () => {
  const mainFrame = { url: 'file:///app/out/renderer/index.html' };
  const contents = { mainFrame, isDestroyed: () => false };
  const check = createSenderCheck(
    () => contents as never,
    (url) => url === 'file:///app/out/renderer/index.html',
  );
  const event = (sender: unknown, senderFrame: unknown) => ({ sender, senderFrame }) as never;

  it("accepts our window's main frame on our page", () => {
    expect(check(event(contents, mainFrame))).toBe(true);
  });

  it('refuses another webContents', () => {
    const other = { mainFrame, isDestroyed: () => false };
    expect(check(event(other, mainFrame))).toBe(false);
  });

  it('refuses a sub-frame of our window (e.g. a mail body)', () => {
    expect(check(event(contents, { url: 'file:///app/out/renderer/index.html' }))).toBe(false);
  });

  it('refuses our main frame once it shows a foreign page', () => {
    const navigated = { url: 'https://evil.example/' };
    const moved = { mainFrame: navigated, isDestroyed: () => false };
    const checkMoved = createSenderCheck(
      () => moved as never,
      (url) => url.startsWith('file:'),
    );
    expect(checkMoved(event(moved, navigated))).toBe(false);
  });

  it('refuses a sender whose frame is gone, or when there is no window', () => {
    expect(check(event(contents, null))).toBe(false);
    const noWindow = createSenderCheck(
      () => undefined,
      () => true,
    );
    expect(noWindow(event(contents, mainFrame))).toBe(false);
  });
});

describe('forwardCoreEvents', () => {
  it('sends each core event to the window as (name, payload)', () => {
    const { asClient, listeners } = fakeClient();
    const send = vi.fn();
    forwardCoreEvents(asClient, () => ({ send, isDestroyed: () => false }) as never);
    const deltas = [{ table: 'messages', op: 'insert', ids: ['m1'] }];
    listeners.get('db.changed')?.(deltas);
    listeners.get('account.status')?.({ accountId: 'a', status: 'online' });
    expect(send).toHaveBeenNthCalledWith(1, IPC_EVENT_CHANNEL, 'db.changed', deltas);
    expect(send).toHaveBeenNthCalledWith(2, IPC_EVENT_CHANNEL, 'account.status', {
      accountId: 'a',
      status: 'online',
    });
  });

  it('drops events while no live window exists, and stops when disposed', () => {
    const { asClient, listeners } = fakeClient();
    const send = vi.fn();
    let destroyed = true;
    const dispose = forwardCoreEvents(
      asClient,
      () => ({ send, isDestroyed: () => destroyed }) as never,
    );
    listeners.get('db.changed')?.([]);
    expect(send).not.toHaveBeenCalled();
    destroyed = false;
    dispose();
    expect(listeners.size).toBe(0);
  });
});
