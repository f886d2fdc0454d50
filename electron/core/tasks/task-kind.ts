// What each kind of outbox task provides to the runner. A kind never talks to the
// runner's table: it turns a request into a payload (applying the local effect in the
// same transaction as the insert), performs the remote step, and reverts its local
// effect when the task finally fails or is undone.
import type { Db } from '../db/connection';
import type { DeltaCollector } from '../db/deltas';

export interface RemoteContext {
  accountId: string;
  taskId: number;
  db: Db;
  /** Persists progress (e.g. "SMTP accepted it") so a replay after a crash skips done steps. */
  save(payload: unknown): void;
  /** Applies a local change found by the remote step (e.g. the UID a MOVE assigned). */
  write(fn: (db: Db, deltas: DeltaCollector) => void): void;
  log(line: string): void;
}

export interface TaskKind<I = unknown, P = unknown> {
  /**
   * Applies the local effect inside the insert's transaction and returns the payload to
   * persist (with what rollback needs), or null when nothing needs to change.
   */
  applyLocal(db: Db, input: I, deltas: DeltaCollector): P | null;
  /** The remote step. Must be idempotent: it may run again after a crash. Returns an updated payload. */
  runRemote(payload: P, ctx: RemoteContext): Promise<P | void>;
  /** Reverts the local effect (final failure, or undo of a pending task). */
  rollbackLocal(db: Db, payload: P, deltas: DeltaCollector): void;
  /** The task that reverses a done one, as input for applyLocal; absent when undo does not apply. */
  inverse?(db: Db, payload: P): I | null;
  /** A failed task keeps its effect rather than being rolled back (an unsent message stays in the outbox). */
  keepOnFailure?: boolean;
  /**
   * Whether tasks.undo may cancel this failed task, as it cancels a pending one: only when
   * nothing of it reached the server (a send the SMTP server never accepted, which the
   * user then edits). Absent: a failed task cannot be undone.
   */
  cancelFailed?(payload: P): boolean;
  /** The composer draft the task was made from, if any (TaskInfo.draftId). */
  draftOf?(payload: P): number | null;
  describe(payload: P): string;
}

/** A refusal that retrying will not change (a missing folder, a 5xx SMTP reply). */
export class PermanentTaskError extends Error {
  readonly permanent = true;
  constructor(message: string) {
    super(message);
    this.name = 'PermanentTaskError';
  }
}

// Kinds are registered with their own payload types; the runner only passes them through.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTaskKind = TaskKind<any, any>;
