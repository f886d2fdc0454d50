// The main-process host and the worker-side server, connected by real MessagePorts in
// one thread: the same messages, structured cloning and secrets file as the desktop app,
// without Electron or a worker thread.
import { EventEmitter } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Events } from '../../shared/contract';
import { RemoteError } from '../../shared/rpc';
import type { Core, CoreOptions } from '../core/core-types';
import type { SecretCipher } from '../core/secrets/secret-store';
import { startCoreHost, type CoreHost, type WorkerLike } from './core-host';
import { SAFE_STORAGE_SCHEME, type CoreWorkerData } from './core-worker-protocol';
import { serveCore } from './core-worker-server';

class InThreadWorker extends EventEmitter implements WorkerLike {
  readonly wire = new MessageChannel();
  terminated = false;
  constructor() {
    super();
    this.wire.port1.on('message', (message) => this.emit('message', message));
  }
  postMessage(message: unknown) {
    this.wire.port1.postMessage(message);
  }
  async terminate() {
    this.terminated = true;
    this.wire.port1.close();
    return 0;
  }
}

function fakeCore() {
  const listeners = new Map<string, (payload: unknown) => void>();
  const core = {
    handlers: {} as Core['handlers'],
    dispatch: vi.fn(async (name: string, params: unknown) =>
      name === 'accounts.remove'
        ? { ok: false as const, error: { code: 'not-found', message: 'No such account.' } }
        : { ok: true as const, value: { echoed: name, params } },
    ),
    on: vi.fn((event: string, listener: (payload: unknown) => void) => {
      listeners.set(event, listener);
      return () => listeners.delete(event);
    }),
    dispose: vi.fn(async () => undefined),
  };
  return { core: core as unknown as Core, mock: core, listeners };
}

const reversingCipher: SecretCipher = {
  scheme: 'main-side',
  encrypt: async (plain) => `x${[...plain].reverse().join('')}`,
  decrypt: async (stored) => [...stored.slice(1)].reverse().join(''),
};

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function start(
  createCore: (options: CoreOptions) => Promise<Core>,
  cipher: SecretCipher = reversingCipher,
) {
  const profileDir = await mkdtemp(join(tmpdir(), 'passerelle-host-'));
  const worker = new InThreadWorker();
  const log = vi.fn();
  let hostPort: MessagePort | undefined;
  const host: CoreHost = startCoreHost({
    workerFile: 'unused.js',
    profileDir,
    cipher,
    log,
    shutdownTimeoutMs: 1000,
    spawn: (_file, data: CoreWorkerData, transfer) => {
      hostPort = transfer[0];
      serveCore({
        wirePort: worker.wire.port2,
        hostPort: data.hostPort,
        profileDir,
        createCore,
        log,
      });
      return worker;
    },
  });
  cleanups.push(async () => {
    await host.dispose();
    worker.wire.port2.close();
    hostPort?.close();
    await rm(profileDir, { recursive: true, force: true });
  });
  return { host, worker, profileDir, log };
}

describe('core host <-> core worker', () => {
  it('answers a request with the core outcome', async () => {
    const { core, mock } = fakeCore();
    const { host } = await start(async () => core);
    await expect(host.client.invoke('accounts.list', {})).resolves.toEqual({
      echoed: 'accounts.list',
      params: {},
    });
    expect(mock.dispatch).toHaveBeenCalledWith('accounts.list', {});
  });

  it('turns a failed outcome into a RemoteError with its code', async () => {
    const { core } = fakeCore();
    const { host } = await start(async () => core);
    const failure = host.client.invoke('accounts.remove', { id: 'a1' });
    await expect(failure).rejects.toBeInstanceOf(RemoteError);
    await expect(failure).rejects.toMatchObject({ code: 'not-found' });
  });

  it('starts the core in desktop mode on the profile', async () => {
    const createCore = vi.fn(async (_options: CoreOptions) => fakeCore().core);
    const { host, profileDir } = await start(createCore);
    await host.client.invoke('app.info', {});
    expect(createCore).toHaveBeenCalledWith(
      expect.objectContaining({ profileDir, mode: 'desktop' }),
    );
  });

  it('forwards core events to the main process', async () => {
    const { core, listeners } = fakeCore();
    const { host } = await start(async () => core);
    await host.client.invoke('app.info', {}); // the core is up and subscribed
    const received = new Promise<Events['db.changed']>((resolve) =>
      host.client.on('db.changed', resolve),
    );
    listeners.get('db.changed')?.([{ table: 'messages', op: 'insert', ids: ['m1'] }]);
    await expect(received).resolves.toEqual([{ table: 'messages', op: 'insert', ids: ['m1'] }]);
  });

  it('reports a core that could not start as unavailable, with the reason', async () => {
    const { host } = await start(async () => {
      throw new Error('database written by a newer version');
    });
    const failure = host.client.invoke('accounts.list', {});
    await expect(failure).rejects.toMatchObject({ code: 'unavailable' });
    await expect(failure).rejects.toThrow(/newer version/);
  });

  it('encrypts secrets in the main process before the worker writes them', async () => {
    let options: CoreOptions | undefined;
    const { profileDir } = await start(async (given) => {
      options = given;
      return fakeCore().core;
    });
    await vi.waitFor(() => expect(options).toBeDefined());
    await options?.secrets.set('imap:a1', 'hunter2');
    const file = JSON.parse(await readFile(join(profileDir, 'secrets.json'), 'utf8')) as unknown;
    expect(file).toEqual({ scheme: SAFE_STORAGE_SCHEME, values: { 'imap:a1': 'x2retnuh' } });
    await expect(options?.secrets.get('imap:a1')).resolves.toBe('hunter2');
  });

  it('fails to store a secret, and writes nothing, when the main process refuses', async () => {
    let options: CoreOptions | undefined;
    const refusing: SecretCipher = {
      scheme: 'main-side',
      encrypt: () => Promise.reject(new Error('No OS encryption available.')),
      decrypt: () => Promise.reject(new Error('No OS encryption available.')),
    };
    const { profileDir } = await start(async (given) => {
      options = given;
      return fakeCore().core;
    }, refusing);
    await vi.waitFor(() => expect(options).toBeDefined());
    await expect(options?.secrets.set('imap:a1', 'hunter2')).rejects.toThrow('No OS encryption');
    await expect(readFile(join(profileDir, 'secrets.json'))).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });

  it('fails pending and later requests when the worker dies', async () => {
    const never = new Promise<Core>(() => undefined);
    const { host, worker } = await start(() => never);
    const pending = host.client.invoke('accounts.list', {});
    worker.emit('exit', 1);
    await expect(pending).rejects.toMatchObject({ code: 'unavailable' });
    await expect(host.client.invoke('accounts.list', {})).rejects.toMatchObject({
      code: 'unavailable',
    });
  });

  it('lets the core shut down before stopping the worker', async () => {
    const { core, mock } = fakeCore();
    const { host, worker } = await start(async () => core);
    await host.client.invoke('app.info', {});
    await host.dispose();
    expect(mock.dispose).toHaveBeenCalledOnce();
    expect(worker.terminated).toBe(true);
    await host.dispose(); // idempotent
    expect(mock.dispose).toHaveBeenCalledOnce();
  });
});
