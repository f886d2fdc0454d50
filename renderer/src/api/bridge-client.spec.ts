import { describe, expect, it } from 'vitest';
import type { Bridge } from '../../../shared/contract';
import { createBridgeClient } from './bridge-client';

describe('createBridgeClient', () => {
  it('unwraps outcomes from the preload and throws RemoteError on failure', async () => {
    const listeners: ((p: unknown) => void)[] = [];
    const bridge: Bridge = {
      invoke: async (name) =>
        name === 'accounts.list'
          ? { ok: true, value: [] }
          : { ok: false, error: { code: 'auth-failed', message: 'Authentication failed.' } },
      on: (_event, listener) => {
        listeners.push(listener);
        return () => listeners.splice(listeners.indexOf(listener), 1);
      },
    };
    const client = createBridgeClient(bridge);
    await expect(client.invoke('accounts.list', {})).resolves.toEqual([]);
    await expect(
      client.invoke('accounts.addImap', {
        name: 'n',
        host: 'h',
        port: 1,
        tls: 'none',
        user: 'u',
        password: 'p',
      }),
    ).rejects.toMatchObject({ name: 'RemoteError', code: 'auth-failed' });
    const seen: unknown[] = [];
    const off = client.on('db.changed', (d) => seen.push(d));
    listeners[0]!([]);
    off();
    expect(listeners).toHaveLength(0);
    expect(seen).toEqual([[]]);
  });
});
