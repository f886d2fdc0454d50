// One writer; every committed transaction emits its changes merged per table and op,
// which is what the UI listens to (the db.changed event).
import type { Delta } from '../../../shared/contract';
import type { Db } from './connection';

export class DeltaCollector {
  private readonly byKey = new Map<string, Set<string>>();

  add(table: Delta['table'], op: Delta['op'], ids: Iterable<string | number>): void {
    const key = `${table}\u0000${op}`;
    const set = this.byKey.get(key) ?? new Set<string>();
    for (const id of ids) set.add(String(id));
    if (set.size > 0) this.byKey.set(key, set);
  }

  drain(): Delta[] {
    const deltas = [...this.byKey].map(([key, ids]) => {
      const [table, op] = key.split('\u0000') as [Delta['table'], Delta['op']];
      return { table, op, ids: [...ids] };
    });
    this.byKey.clear();
    return deltas;
  }
}

export type DeltaListener = (deltas: Delta[]) => void;

/** Told before and after each write, so another writer can let it go first (store-offload.ts). */
export interface WriteGate {
  enter(): void;
  leave(): void;
}

/** Runs fn in an IMMEDIATE transaction and announces its deltas only once it committed. */
export class Writer {
  private readonly listeners = new Set<DeltaListener>();

  constructor(
    readonly db: Db,
    private readonly gate?: WriteGate,
  ) {}

  onDidCommit(listener: DeltaListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  write<T>(fn: (deltas: DeltaCollector) => T): T {
    const collector = new DeltaCollector();
    this.gate?.enter();
    let result: T;
    try {
      result = this.db.transaction(() => fn(collector)).immediate();
    } finally {
      this.gate?.leave();
    }
    this.announce(collector.drain());
    return result;
  }

  /** Tells the listeners about a commit: this writer's, or the store worker's on its own connection. */
  announce(deltas: Delta[]): void {
    if (deltas.length > 0) for (const listener of this.listeners) listener(deltas);
  }
}
