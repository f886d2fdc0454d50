// A Client for store specs: handlers per request, and events the spec emits by hand.
import type {
  Client,
  EventName,
  Events,
  ParamsOf,
  RequestName,
  ResultOf,
} from '../../../shared/contract';
import type { ConnectionInfo, ConnectionSource } from '../api/connection';

export type FakeHandlers = {
  [N in RequestName]?: (params: ParamsOf<N>) => ResultOf<N> | Promise<ResultOf<N>>;
};

export interface FakeClient extends Client, ConnectionSource {
  calls: { name: RequestName; params: unknown }[];
  handlers: FakeHandlers;
  emit<E extends EventName>(event: E, payload: Events[E]): void;
  setConnection(info: ConnectionInfo): void;
  listenerCount(): number;
}

export function fakeClient(handlers: FakeHandlers = {}): FakeClient {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const connectionListeners = new Set<(info: ConnectionInfo) => void>();
  let connection: ConnectionInfo = { state: 'connected' };
  const fake: FakeClient = {
    calls: [],
    handlers,
    async invoke<N extends RequestName>(name: N, params: ParamsOf<N>): Promise<ResultOf<N>> {
      fake.calls.push({ name, params });
      const handler = fake.handlers[name] as ((p: ParamsOf<N>) => ResultOf<N>) | undefined;
      if (!handler) throw new Error(`fake client: no handler for ${name}`);
      return handler(params);
    },
    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (payload: unknown) => void);
      return () => set.delete(listener as (payload: unknown) => void);
    },
    emit(event, payload) {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
    get connection() {
      return connection;
    },
    onConnectionChange(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    setConnection(info) {
      connection = info;
      for (const listener of connectionListeners) listener(info);
    },
    listenerCount() {
      let n = connectionListeners.size;
      for (const set of listeners.values()) n += set.size;
      return n;
    },
  };
  return fake;
}
