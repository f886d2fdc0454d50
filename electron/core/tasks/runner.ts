// Runs the outbox: one task at a time, in order per account, each remote step retried
// with exponential backoff until it succeeds, is refused for good, or runs out of
// attempts, at which point its local effect is rolled back and the user is told.
// Everything is persisted, so a restart (or a kill -9) resumes where it stopped.
import type { TaskInfo, TaskState } from '../../../shared/requests/mail-actions';
import type { Writer } from '../db/deltas';
import { CoreError } from '../errors';
import { backoffDelay, type BackoffOptions } from '../mail/backoff';
import type { AnyTaskKind } from './task-kind';
import {
  claimNextTask,
  getTask,
  insertTask,
  listTasks,
  nextDueAt,
  pruneFinished,
  recoverAbandoned,
  rowToTask,
  updateTask,
  type TaskRow,
} from './task-store';

export interface TaskRunnerOptions {
  writer: Writer;
  kinds: Record<string, AnyTaskKind>;
  /** Attempts before a task fails for good. Default 6 (about 2 minutes with the default backoff). */
  maxAttempts?: number;
  backoff?: BackoffOptions;
  now?: () => number;
  random?: () => number;
  onChange?: (tasks: TaskInfo[]) => void;
  onFailed?: (task: TaskInfo) => void;
  log?: (line: string) => void;
  pid?: number;
  isAlive?: (pid: number) => boolean;
}

const DAY = 24 * 3600_000;

export class TaskRunner {
  private readonly now: () => number;
  private readonly pid: number;
  private active: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private disposed = false;
  private readonly waiters = new Set<() => void>();

  constructor(private readonly opts: TaskRunnerOptions) {
    this.now = opts.now ?? Date.now;
    this.pid = opts.pid ?? process.pid;
  }

  /** Resumes tasks a previous run left behind, then starts working. */
  start(): void {
    const isAlive = this.opts.isAlive ?? pidAlive;
    const recovered = this.opts.writer.write(() => {
      pruneFinished(this.opts.writer.db, new Date(this.now() - 7 * DAY).toISOString());
      return recoverAbandoned(this.opts.writer.db, isAlive, this.pid);
    });
    if (recovered.length) this.log(`resuming ${recovered.length} interrupted task(s)`);
    this.kick();
  }

  /** Applies the local effect and queues the remote step in one transaction. */
  enqueue(accountId: string, kind: string, input: unknown, delayMs = 0): TaskInfo | null {
    const impl = this.kind(kind);
    const now = this.now();
    const row = this.opts.writer.write((deltas) => {
      const payload = impl.applyLocal(this.opts.writer.db, input, deltas);
      if (payload === null) return null;
      return insertTask(this.opts.writer.db, {
        accountId,
        kind,
        payload,
        dueAt: now + delayMs,
        now,
      });
    });
    if (!row) return null;
    this.changed(row);
    this.kick();
    return this.info(row);
  }

  list(states?: readonly TaskState[]): TaskInfo[] {
    return listTasks(this.opts.writer.db, states).map((row) => this.info(row));
  }

  get(id: string): TaskInfo | null {
    const row = getTask(this.opts.writer.db, Number(id));
    return row ? this.info(row) : null;
  }

  /** A failed task goes back to the queue; its local effect is applied again. */
  retry(id: string): TaskInfo {
    const row = this.opts.writer.write((deltas) => {
      const task = this.require(id);
      if (task.state !== 'failed') throw new CoreError('conflict', `Task ${id} has not failed.`);
      const impl = this.kind(task.kind);
      let payload = task.payload;
      if (!impl.keepOnFailure) {
        const reapplied = impl.applyLocal(this.opts.writer.db, inputOf(task), deltas);
        payload = JSON.stringify(reapplied ?? JSON.parse(task.payload));
      }
      const now = this.now();
      return updateTask(
        this.opts.writer.db,
        task.id,
        { state: 'pending', attempts: 0, next_attempt_at: now, last_error: null, payload },
        now,
      )!;
    });
    this.changed(row);
    this.kick();
    return this.info(row);
  }

  /**
   * Cancels a pending task, or a failed one its kind lets go (reverting its local effect),
   * or queues the inverse of a done one.
   */
  undo(id: string): TaskInfo {
    const task = this.require(id);
    const impl = this.kind(task.kind);
    const payload: unknown = JSON.parse(task.payload);
    if (task.state === 'pending' || this.cancellableFailure(task, impl, payload)) {
      const row = this.opts.writer.write((deltas) => {
        impl.rollbackLocal(this.opts.writer.db, payload, deltas);
        return updateTask(this.opts.writer.db, task.id, { state: 'undone' }, this.now())!;
      });
      this.changed(row);
      return this.info(row);
    }
    const inverse = task.state === 'done' ? impl.inverse?.(this.opts.writer.db, payload) : null;
    if (!inverse)
      throw new CoreError('conflict', `Task ${id} (${task.state}) cannot be undone now.`);
    const reversed = this.enqueue(task.account_id, task.kind, inverse);
    const row = this.opts.writer.write(() =>
      updateTask(this.opts.writer.db, task.id, { state: 'undone' }, this.now())!,
    );
    this.changed(row);
    return reversed ?? this.info(row);
  }

  /** Resolves once the task is done, failed or undone (the CLI waits on this). */
  async settled(id: string, timeoutMs: number): Promise<TaskInfo> {
    const deadline = this.now() + timeoutMs;
    for (;;) {
      const task = this.get(id);
      if (!task) throw new CoreError('not-found', `No task ${id}.`);
      if (task.state !== 'pending' && task.state !== 'running') return task;
      if (this.disposed || Date.now() > deadline) return task;
      await new Promise<void>((resolve) => {
        const wake = () => (this.waiters.delete(wake), clearTimeout(t), resolve());
        const t = setTimeout(wake, 250);
        this.waiters.add(wake);
      });
    }
  }

  /** Looks for due work now (after an enqueue, or when the network comes back). */
  kick(): void {
    if (this.disposed) return;
    if (this.active) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.active = this.drain()
      .catch((error: unknown) => this.log(`runner stopped: ${String(error)}`))
      .finally(() => {
        this.active = null;
        if (this.again) {
          this.again = false;
          this.kick();
        } else this.scheduleNext();
      });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const wake of [...this.waiters]) wake();
    // A remote step in flight is left to finish briefly; if it does not, the task stays
    // 'running' under this pid and the next start resumes it (steps are idempotent).
    if (this.active)
      await Promise.race([this.active, new Promise((r) => setTimeout(r, 5_000).unref())]);
  }

  private async drain(): Promise<void> {
    while (!this.disposed) {
      const task = this.opts.writer.write(() =>
        claimNextTask(this.opts.writer.db, this.now(), this.pid),
      );
      if (!task) return;
      this.changed(task);
      await this.runOne(task);
    }
  }

  private async runOne(task: TaskRow): Promise<void> {
    const impl = this.kind(task.kind);
    let payload: unknown = JSON.parse(task.payload);
    const db = this.opts.writer.db;
    try {
      const result = await impl.runRemote(payload, {
        accountId: task.account_id,
        taskId: task.id,
        db,
        save: (next) => {
          payload = next;
          this.opts.writer.write(() =>
            updateTask(db, task.id, { payload: JSON.stringify(next) }, this.now()),
          );
        },
        write: (fn) => this.opts.writer.write((deltas) => fn(db, deltas)),
        log: (line) => this.log(`task ${task.id}: ${line}`),
      });
      if (result !== undefined) payload = result;
      const row = this.opts.writer.write(() =>
        updateTask(
          db,
          task.id,
          { state: 'done', payload: JSON.stringify(payload), last_error: null, owner: null },
          this.now(),
        ),
      );
      if (row) this.changed(row);
    } catch (error) {
      this.afterFailure(task, impl, payload, error);
    }
  }

  private afterFailure(task: TaskRow, impl: AnyTaskKind, payload: unknown, error: unknown): void {
    const db = this.opts.writer.db;
    const reason = error instanceof Error ? error.message : String(error);
    const attempts = task.attempts + 1;
    const final = isPermanent(error) || attempts >= (this.opts.maxAttempts ?? 6);
    const now = this.now();
    const row = this.opts.writer.write((deltas) => {
      if (!getTask(db, task.id)) return null; // the account was removed meanwhile
      if (!final) {
        const delay = backoffDelay(
          attempts - 1,
          this.opts.backoff ?? { initialMs: 2_000, maxMs: 5 * 60_000 },
          this.opts.random,
        );
        return updateTask(
          db,
          task.id,
          {
            state: 'pending',
            attempts,
            next_attempt_at: now + delay,
            last_error: reason,
            owner: null,
            payload: JSON.stringify(payload),
          },
          now,
        );
      }
      if (!impl.keepOnFailure) impl.rollbackLocal(db, payload, deltas);
      return updateTask(
        db,
        task.id,
        {
          state: 'failed',
          attempts,
          last_error: reason,
          owner: null,
          payload: JSON.stringify(payload),
        },
        now,
      );
    });
    if (!row) return;
    this.log(`task ${task.id} ${final ? 'failed' : 'will retry'}: ${reason}`);
    this.changed(row);
    if (final) this.opts.onFailed?.(this.info(row));
  }

  private scheduleNext(): void {
    if (this.disposed) return;
    const due = nextDueAt(this.opts.writer.db);
    if (due === null) return;
    const delay = Math.min(Math.max(due - this.now(), 0), 2 ** 31 - 1);
    this.timer = setTimeout(() => this.kick(), delay);
    this.timer.unref();
  }

  private changed(row: TaskRow): void {
    this.opts.onChange?.([this.info(row)]);
    for (const wake of [...this.waiters]) wake();
  }

  private info(row: TaskRow): TaskInfo {
    return rowToTask(row, (r) => {
      const impl = this.opts.kinds[r.kind];
      const payload: unknown = JSON.parse(r.payload);
      const draftId = impl?.draftOf?.(payload) ?? null;
      return {
        description: impl ? impl.describe(payload) : r.kind,
        undoable:
          r.state === 'pending' ||
          (impl !== undefined && this.cancellableFailure(r, impl, payload)) ||
          (r.state === 'done' && impl?.inverse !== undefined),
        draftId: draftId === null ? null : String(draftId),
      };
    });
  }

  /** A failed task its kind lets undo cancel; `payload` is the row's, parsed by the caller. */
  private cancellableFailure(row: TaskRow, impl: AnyTaskKind, payload: unknown): boolean {
    return row.state === 'failed' && impl.cancelFailed?.(payload) === true;
  }

  private kind(name: string): AnyTaskKind {
    const impl = this.opts.kinds[name];
    if (!impl) throw new Error(`Unknown task kind ${name}.`);
    return impl;
  }

  private require(id: string): TaskRow {
    const row = getTask(this.opts.writer.db, Number(id));
    if (!row) throw new CoreError('not-found', `No task ${id}.`);
    return row;
  }

  private log(line: string): void {
    this.opts.log?.(`[tasks] ${line}`);
  }
}

/** The request a task was made from, kept in its payload so a failed task can be re-applied. */
function inputOf(task: TaskRow): unknown {
  const payload = JSON.parse(task.payload) as { input?: unknown };
  return payload.input ?? payload;
}

/** Refusals carry `permanent: true` (PermanentTaskError, ServerRefusal, SmtpRefusal). */
function isPermanent(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { permanent?: unknown }).permanent === true
  );
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
