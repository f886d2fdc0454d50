import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { setClient } from '../api/client';
import { useConnectionStore } from './connection';
import { fakeClient, type FakeClient } from './fake-client';

let client: FakeClient;

beforeEach(() => {
  client = fakeClient();
  setClient(client, client);
  setActivePinia(createPinia());
});

describe('useConnectionStore', () => {
  it('shows a lost connection and counts reconnections so views can catch up', () => {
    const store = useConnectionStore();
    expect(store.state).toBe('connected');
    client.setConnection({ state: 'disconnected', retryInMs: 2000 });
    expect(store.state).toBe('disconnected');
    expect(store.retryInMs).toBe(2000);
    client.setConnection({ state: 'connecting' });
    expect(store.reconnections).toBe(0);
    client.setConnection({ state: 'connected' });
    expect(store.reconnections).toBe(1);
    client.setConnection({ state: 'connected' });
    expect(store.reconnections).toBe(1);
  });
});
