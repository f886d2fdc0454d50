import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TaskInfo } from '../../../shared/requests/mail-actions';
import { openDatabase, type Db } from '../db/connection';
import { Writer } from '../db/deltas';
import { TaskRunner, type TaskRunnerOptions } from './runner';
import { PermanentTaskError, type TaskKind } from './task-kind';

interface Input {
  value: string;
  fail?: number;
}

let db: Db;
let writer: Writer;
let local: string[];
let remoteCalls: string[];
let failures: Map<string, Error[]>;
let runners: TaskRunner[];
let failed: TaskInfo[];

const fake: TaskKind<Input, Input> = {
  applyLocal(_db, input) {
    local.push(input.value);
    return input;
  },
  async runRemote(payload) {
    remoteCalls.push(payload.value);
    const next = failures.get(payload.value)?.shift();
    if (next) throw next;
  },
  rollbackLocal(_db, payload) {
    local.splice(local.indexOf(payload.value), 1);
  },
  inverse: (_db, payload) => ({ value: `un-${payload.value}` }),
  describe: (payload) => `fake ${payload.value}`,
};

function runner(options: Partial<TaskRunnerOptions> = {}): TaskRunner {
  const r = new TaskRunner({
    writer,
    kinds: { flags: fake, send: { ...fake, keepOnFailure: true } },
    backoff: { initialMs: 5, maxMs: 10 },
    maxAttempts: 3,
    onFailed: (task) => failed.push(task),
    ...options,
  });
  runners.push(r);
  return r;
}

async function settle(r: TaskRunner, id: string): Promise<TaskInfo> {
  return await r.settled(id, 5_000);
}

beforeEach(() => {
  db = openDatabase(':memory:');
  db.prepare(
    "INSERT INTO accounts (id, name, kind, settings, created_at) VALUES ('a1', 'Work', 'imap', '{}', '2026-01-01')",
  ).run();
  db.prepare(
    "INSERT INTO accounts (id, name, kind, settings, created_at) VALUES ('a2', 'Home', 'imap', '{}', '2026-01-01')",
  ).run();
  writer = new Writer(db);
  local = [];
  remoteCalls = [];
  failures = new Map();
  runners = [];
  failed = [];
});

afterEach(async () => {
  for (const r of runners) await r.dispose();
  db.close();
});

describe('TaskRunner', () => {
  it('applies the local step at once and the remote step after, then reports done', async () => {
    const r = runner();
    r.start();
    const task = r.enqueue('a1', 'flags', { value: 'x' })!;
    expect(local).toEqual(['x']);
    expect(task.state).toBe('pending');
    const done = await settle(r, task.id);
    expect(done).toMatchObject({
      state: 'done',
      attempts: 0,
      lastError: null,
      description: 'fake x',
    });
    expect(remoteCalls).toEqual(['x']);
  });

  it('retries a failing remote step with backoff, persisting attempts and the reason', async () => {
    failures.set('x', [new Error('offline'), new Error('still offline')]);
    const r = runner();
    r.start();
    const task = r.enqueue('a1', 'flags', { value: 'x' })!;
    const done = await settle(r, task.id);
    expect(done.state).toBe('done');
    expect(remoteCalls).toEqual(['x', 'x', 'x']);
    const row = db
      .prepare('SELECT attempts, last_error FROM tasks WHERE id = ?')
      .get(Number(task.id));
    expect(row).toEqual({ attempts: 2, last_error: null });
    expect(local).toEqual(['x']);
  });

  it('rolls the local step back and reports when the server refuses for good', async () => {
    failures.set('x', [new PermanentTaskError('no such folder')]);
    const r = runner();
    r.start();
    const task = r.enqueue('a1', 'flags', { value: 'x' })!;
    const result = await settle(r, task.id);
    expect(result).toMatchObject({ state: 'failed', lastError: 'no such folder', attempts: 1 });
    expect(local).toEqual([]);
    expect(failed.map((t) => t.id)).toEqual([task.id]);
    expect(r.list(['failed'])).toHaveLength(1);
  });

  it('gives up after maxAttempts transient failures, and a retry runs it again', async () => {
    failures.set('x', [new Error('a'), new Error('b'), new Error('c')]);
    const r = runner();
    r.start();
    const task = r.enqueue('a1', 'flags', { value: 'x' })!;
    expect(await settle(r, task.id)).toMatchObject({
      state: 'failed',
      lastError: 'c',
      attempts: 3,
    });
    expect(local).toEqual([]);
    r.retry(task.id);
    expect(local).toEqual(['x']); // the local effect is applied again
    expect(await settle(r, task.id)).toMatchObject({ state: 'done' });
    expect(remoteCalls).toHaveLength(4);
  });

  it('keeps a failed send (keepOnFailure) instead of rolling it back', async () => {
    failures.set('mail', [new PermanentTaskError('550 no')]);
    const r = runner();
    r.start();
    const task = r.enqueue('a1', 'send', { value: 'mail' })!;
    expect(await settle(r, task.id)).toMatchObject({ state: 'failed', lastError: '550 no' });
    expect(local).toEqual(['mail']);
  });

  it('undo cancels a failed task only when its kind says nothing of it reached the server', async () => {
    const r = runner({
      kinds: {
        flags: fake,
        send: { ...fake, keepOnFailure: true, cancelFailed: (p) => p.value !== 'left' },
      },
    });
    r.start();
    failures.set('unsent', [new PermanentTaskError('550 no such user')]);
    failures.set('left', [new PermanentTaskError('Sent folder refused the copy')]);
    const unsent = r.enqueue('a1', 'send', { value: 'unsent' })!;
    const left = r.enqueue('a1', 'send', { value: 'left' })!;
    expect(await settle(r, unsent.id)).toMatchObject({ state: 'failed', undoable: true });
    expect(await settle(r, left.id)).toMatchObject({ state: 'failed', undoable: false });
    expect(r.undo(unsent.id)).toMatchObject({ state: 'undone' });
    expect(local).toEqual(['left']);
    expect(() => r.undo(left.id)).toThrow(/cannot be undone/);
  });

  it('runs tasks of one account in order: a later task waits for an earlier one in backoff', async () => {
    failures.set('first', [new Error('offline')]);
    const r = runner({ backoff: { initialMs: 100, maxMs: 100 } });
    r.start();
    const first = r.enqueue('a1', 'flags', { value: 'first' })!;
    const second = r.enqueue('a1', 'flags', { value: 'second' })!;
    const other = r.enqueue('a2', 'flags', { value: 'other' })!;
    await settle(r, second.id);
    await settle(r, other.id);
    expect(remoteCalls).toEqual(['first', 'other', 'first', 'second']);
    expect(r.get(first.id)?.state).toBe('done');
  });

  it('resumes a task left running by a killed process, exactly once', async () => {
    const dead = runner({ pid: 999_999 });
    const task = dead.enqueue('a1', 'flags', { value: 'x' })!;
    await dead.dispose();
    // What a kill -9 during the remote step leaves behind.
    db.prepare("UPDATE tasks SET state = 'running', owner = 999999").run();
    remoteCalls = [];
    const alive = runner({ isAlive: (pid) => pid !== 999_999 });
    alive.start();
    expect(await settle(alive, task.id)).toMatchObject({ state: 'done' });
    expect(remoteCalls).toEqual(['x']);
  });

  it('leaves a task running in another live process alone', async () => {
    const r = runner({ isAlive: () => true });
    db.prepare(
      "INSERT INTO tasks (account_id, kind, payload, state, next_attempt_at, owner, created_at, updated_at) VALUES ('a1', 'flags', '{\"value\":\"x\"}', 'running', 0, 4242, '', '')",
    ).run();
    r.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(remoteCalls).toEqual([]);
  });

  it('undo cancels a pending task and reverses a done one with a new task', async () => {
    const r = runner();
    const later = r.enqueue('a1', 'send', { value: 'mail' }, 60_000)!;
    expect(r.undo(later.id).state).toBe('undone');
    expect(local).toEqual([]);
    r.start();
    const task = r.enqueue('a1', 'flags', { value: 'x' })!;
    await settle(r, task.id);
    const reverse = r.undo(task.id);
    expect(reverse.description).toBe('fake un-x');
    await settle(r, reverse.id);
    expect(remoteCalls).toEqual(['x', 'un-x']);
    expect(r.get(task.id)?.state).toBe('undone');
    expect(() => r.undo(task.id)).toThrow(/cannot be undone/);
  });
});
