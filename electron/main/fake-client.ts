// A stand-in for the core's client in main-process specs (not shipped): records
// invocations, answers from a table, and lets the spec fire core events.
import { vi } from 'vitest';
import type { Client, EventName, Events } from '../../shared/contract';

export function fakeClient(answers: Record<string, unknown> = {}) {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const invoke = vi.fn(async (name: string, _params: unknown) => answers[name] ?? null);
  const client = {
    invoke,
    on(event: string, listener: (payload: unknown) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  } as unknown as Client;
  const fire = <E extends EventName>(event: E, payload: Events[E]) => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };
  return { client, invoke, fire, listenerCount: (e: string) => listeners.get(e)?.size ?? 0 };
}
