import type { EventEmitter } from 'node:events';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type Bridge } from '../../shared/contract';

const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  ipc: undefined as unknown as EventEmitter & { invoke: (...args: unknown[]) => Promise<unknown> },
}));

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const ipc = Object.assign(new Emitter(), {
    invoke: vi.fn(async (...args: unknown[]) => ({ ok: true, value: args })),
  });
  electron.ipc = ipc;
  return {
    ipcRenderer: ipc,
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api),
    },
  };
});

let bridge: Bridge;
beforeAll(async () => {
  await import('./index');
  bridge = electron.exposed.get('passerelle') as Bridge;
});

describe('preload', () => {
  it('exposes only window.passerelle with invoke and on', () => {
    expect([...electron.exposed.keys()]).toEqual(['passerelle']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
  });

  it('sends invoke on the contract channel and returns the outcome', async () => {
    const outcome = await bridge.invoke('threads.get', { threadId: 't1' });
    expect(electron.ipc.invoke).toHaveBeenCalledWith(IPC_INVOKE_CHANNEL, 'threads.get', {
      threadId: 't1',
    });
    expect(outcome).toEqual({
      ok: true,
      value: [IPC_INVOKE_CHANNEL, 'threads.get', { threadId: 't1' }],
    });
  });

  it('gives listeners the payload of their event only, never the IPC event', () => {
    const listener = vi.fn();
    bridge.on('db.changed', listener);
    const ipcEvent = { sender: 'ipcRenderer', senderFrame: {} };
    electron.ipc.emit(IPC_EVENT_CHANNEL, ipcEvent, 'account.status', { accountId: 'a' });
    electron.ipc.emit(IPC_EVENT_CHANNEL, ipcEvent, 'db.changed', [{ table: 'messages' }]);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener).toHaveBeenCalledWith([{ table: 'messages' }]);
  });

  it('stops calling a listener once unsubscribed', () => {
    const listener = vi.fn();
    const off = bridge.on('db.changed', listener);
    off();
    electron.ipc.emit(IPC_EVENT_CHANNEL, {}, 'db.changed', []);
    expect(listener).not.toHaveBeenCalled();
    expect(electron.ipc.listenerCount(IPC_EVENT_CHANNEL)).toBe(1); // the earlier test's listener
  });
});
