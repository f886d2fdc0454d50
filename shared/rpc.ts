// The wire format shared by the message-based transports (browser-mode WebSocket,
// the worker that hosts the core) and a client built on any of them.
import type {
  ApiError,
  Client,
  EventName,
  Events,
  Outcome,
  ParamsOf,
  RequestName,
  ResultOf,
} from './contract';

export type WireMessage =
  | { type: 'request'; id: number; name: string; params: unknown }
  | { type: 'response'; id: number; outcome: Outcome<unknown> }
  | { type: 'event'; name: string; payload: unknown };

/** An error thrown on the client side for a failed outcome; keeps the stable code. */
export class RemoteError extends Error {
  readonly code: string;
  readonly details: Readonly<Record<string, string>> | undefined;
  constructor(error: ApiError) {
    super(error.message);
    this.name = 'RemoteError';
    this.code = error.code;
    this.details = error.details;
  }
}

export interface RpcChannel {
  send(message: WireMessage): void;
  /** Registers the receiver; returns a function that unregisters it. */
  onMessage(receiver: (message: WireMessage) => void): () => void;
}

export interface RpcClient extends Client {
  /** Rejects every pending request, e.g. when the connection is lost. */
  failPending(error: ApiError): void;
  dispose(): void;
}

export function createRpcClient(channel: RpcChannel): RpcClient {
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  const unsubscribe = channel.onMessage((message) => {
    if (message.type === 'response') {
      const waiter = pending.get(message.id);
      if (!waiter) return;
      pending.delete(message.id);
      if (message.outcome.ok) waiter.resolve(message.outcome.value);
      else waiter.reject(new RemoteError(message.outcome.error));
    } else if (message.type === 'event') {
      for (const listener of listeners.get(message.name) ?? []) listener(message.payload);
    }
  });

  return {
    invoke<N extends RequestName>(name: N, params: ParamsOf<N>): Promise<ResultOf<N>> {
      const id = nextId++;
      return new Promise<ResultOf<N>>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        channel.send({ type: 'request', id, name, params });
      });
    },
    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const untyped = listener as (payload: unknown) => void;
      set.add(untyped);
      return () => set.delete(untyped);
    },
    failPending(error: ApiError) {
      for (const waiter of pending.values()) waiter.reject(new RemoteError(error));
      pending.clear();
    },
    dispose() {
      unsubscribe();
      this.failPending({ code: 'unavailable', message: 'The connection to the core was closed.' });
      listeners.clear();
    },
  };
}
