// The tasks table: rows mapped to TaskInfo, and the few statements the runner needs.
// Every function takes the db first and runs inside the caller's transaction.
import type { TaskInfo, TaskState } from '../../../shared/requests/mail-actions';
import type { Db } from '../db/connection';
import { stmt } from '../db/statements';

export interface TaskRow {
  id: number;
  account_id: string;
  kind: string;
  payload: string;
  state: TaskState;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  owner: number | null;
  created_at: string;
  updated_at: string;
}

export function rowToTask(
  row: TaskRow,
  describe: (row: TaskRow) => { description: string; undoable: boolean; draftId: string | null },
): TaskInfo {
  const { description, undoable, draftId } = describe(row);
  return {
    id: String(row.id),
    accountId: row.account_id,
    kind: row.kind as TaskInfo['kind'],
    state: row.state,
    description,
    attempts: row.attempts,
    nextAttemptAt: row.state === 'pending' ? new Date(row.next_attempt_at).toISOString() : null,
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    undoable,
    draftId,
  };
}

export function insertTask(
  db: Db,
  task: { accountId: string; kind: string; payload: unknown; dueAt: number; now: number },
): TaskRow {
  const at = new Date(task.now).toISOString();
  return stmt(
    db,
    `INSERT INTO tasks (account_id, kind, payload, state, next_attempt_at, created_at, updated_at)
     VALUES (?, ?, ?, 'pending', ?, ?, ?) RETURNING *`,
  ).get(task.accountId, task.kind, JSON.stringify(task.payload), task.dueAt, at, at) as TaskRow;
}

export function getTask(db: Db, id: number): TaskRow | null {
  return (stmt(db, 'SELECT * FROM tasks WHERE id = ?').get(id) as TaskRow | undefined) ?? null;
}

export function listTasks(
  db: Db,
  states: readonly TaskState[] | undefined,
  limit = 200,
): TaskRow[] {
  if (!states || states.length === 0) {
    return stmt(db, 'SELECT * FROM tasks ORDER BY id DESC LIMIT ?').all(limit) as TaskRow[];
  }
  return db
    .prepare(
      `SELECT * FROM tasks WHERE state IN (${states.map(() => '?').join(',')}) ORDER BY id DESC LIMIT ?`,
    )
    .all(...states, limit) as TaskRow[];
}

export function updateTask(
  db: Db,
  id: number,
  change: Partial<
    Pick<TaskRow, 'state' | 'attempts' | 'next_attempt_at' | 'last_error' | 'payload' | 'owner'>
  >,
  now: number,
): TaskRow | null {
  const current = getTask(db, id);
  if (!current) return null;
  const next = { ...current, ...change, updated_at: new Date(now).toISOString() };
  stmt(
    db,
    `UPDATE tasks SET state = @state, attempts = @attempts, next_attempt_at = @next_attempt_at,
       last_error = @last_error, payload = @payload, owner = @owner, updated_at = @updated_at
     WHERE id = @id`,
  ).run(next);
  return next;
}

// Which pending tasks may run now, three orders in one:
// - message tasks (flags, moves, conversions) of one account run in the order they were
//   made (a flag before the move that follows it);
// - a draft's tasks run in order among themselves and with the sends of that draft (the
//   send payload names its draftId): the send waits for an older save/delete of the
//   Drafts copy, and the copy's update queued with the send waits until the message has
//   left (or the send was undone), so the folder neither keeps a stale copy nor loses
//   the draft while it can still be undone (an upload already failing and retrying, the
//   IMAP server down, no longer holds the send: SMTP may well be up);
// - otherwise sends and drafts are independent of message tasks, so a message scheduled
//   for later, or a slow Drafts upload, never holds up a flag or a move, and vice versa.
const SAME_DRAFT = `json_extract(e.payload, '$.draftId') = json_extract(t.payload, '$.draftId')`;
const ELIGIBLE = `t.state = 'pending' AND NOT EXISTS (
    SELECT 1 FROM tasks e WHERE e.account_id = t.account_id AND e.id < t.id
      AND e.state IN ('pending', 'running') AND CASE
        WHEN t.kind = 'send' THEN e.kind = 'draft' AND e.attempts = 0 AND ${SAME_DRAFT}
        WHEN t.kind = 'draft' THEN e.kind IN ('draft', 'send') AND ${SAME_DRAFT}
        ELSE e.kind NOT IN ('send', 'draft')
      END)`;

/** Atomically marks the next due task running for this process and returns it. */
export function claimNextTask(db: Db, now: number, owner: number): TaskRow | null {
  return (
    (stmt(
      db,
      `UPDATE tasks SET state = 'running', owner = ?, updated_at = ?
       WHERE id = (SELECT t.id FROM tasks t WHERE ${ELIGIBLE} AND t.next_attempt_at <= ?
                   ORDER BY t.next_attempt_at, t.id LIMIT 1)
       RETURNING *`,
    ).get(owner, new Date(now).toISOString(), now) as TaskRow | undefined) ?? null
  );
}

/** When the runner should look again: the earliest due time among tasks that may run. */
export function nextDueAt(db: Db): number | null {
  const row = stmt(
    db,
    `SELECT min(t.next_attempt_at) AS due FROM tasks t WHERE ${ELIGIBLE}`,
  ).get() as {
    due: number | null;
  };
  return row.due;
}

/** Tasks left 'running' by a process that died (kill -9, crash) go back to pending. */
export function recoverAbandoned(
  db: Db,
  isAlive: (pid: number) => boolean,
  self: number,
): number[] {
  const rows = stmt(db, "SELECT id, owner FROM tasks WHERE state = 'running'").all() as {
    id: number;
    owner: number | null;
  }[];
  const abandoned = rows.filter((r) => r.owner === null || r.owner === self || !isAlive(r.owner));
  const reset = stmt(db, "UPDATE tasks SET state = 'pending', owner = NULL WHERE id = ?");
  for (const row of abandoned) reset.run(row.id);
  return abandoned.map((r) => r.id);
}

/** Finished tasks are kept a while for the task list and undo, then forgotten. */
export function pruneFinished(db: Db, olderThan: string): void {
  stmt(db, "DELETE FROM tasks WHERE state IN ('done', 'undone') AND updated_at < ?").run(olderThan);
}

/** Pending Drafts-folder updates of a draft, made due now (a send should not wait for them). */
export function hurryDraftTasks(db: Db, draftId: number, now: number): void {
  stmt(
    db,
    `UPDATE tasks SET next_attempt_at = min(next_attempt_at, ?)
     WHERE kind = 'draft' AND state = 'pending' AND json_extract(payload, '$.draftId') = ?`,
  ).run(now, draftId);
}
