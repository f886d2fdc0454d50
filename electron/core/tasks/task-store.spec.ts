// The order the outbox runs tasks in: message tasks one after another per account; a
// draft's Drafts-folder updates in order with the sends of that draft; everything else
// independent, so a stuck task of one kind never holds up the others.
import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/connection';
import { claimNextTask, insertTask, updateTask } from './task-store';

let db: Db;
let now: number;

function add(kind: string, payload: object, dueIn = 0): number {
  return insertTask(db, { accountId: 'a1', kind, payload, dueAt: now + dueIn, now }).id;
}

/** Ids of the tasks the runner would take, in order, each one finishing before the next. */
function runOrder(): number[] {
  const order: number[] = [];
  for (;;) {
    const task = claimNextTask(db, now, 1);
    if (!task) return order;
    order.push(task.id);
    updateTask(db, task.id, { state: 'done', owner: null }, now);
  }
}

beforeEach(() => {
  db = openDatabase(':memory:');
  db.prepare(
    "INSERT INTO accounts (id, name, kind, settings, created_at) VALUES ('a1', 'Work', 'imap', '{}', '2026-01-01')",
  ).run();
  now = 1_000_000;
});

describe('which task runs next', () => {
  it('holds a send until the older update of its draft in Drafts has run', () => {
    const save = add('draft', { draftId: 7, draftKey: 'k' }, 2_000);
    const send = add('send', { draftId: 7, raw: '', subject: 's' });
    expect(claimNextTask(db, now, 1)).toBeNull();
    now += 2_000;
    const removal = add('draft', { draftId: 7, draftKey: 'k' });
    expect(runOrder()).toEqual([save, send, removal]);
  });

  it('does not hold a send behind a Drafts upload that is already failing', () => {
    const save = add('draft', { draftId: 7, draftKey: 'k' });
    updateTask(db, save, { attempts: 1, next_attempt_at: now + 60_000 }, now);
    const send = add('send', { draftId: 7 });
    expect(claimNextTask(db, now, 1)?.id).toBe(send);
  });

  it('holds the update queued with a send until the message has left', () => {
    const send = add('send', { draftId: 7 }, 5_000);
    add('draft', { draftId: 7, draftKey: 'k' });
    expect(claimNextTask(db, now, 1)).toBeNull();
    // Undoing the send frees the update at once.
    updateTask(db, send, { state: 'undone' }, now);
    expect(claimNextTask(db, now, 1)?.kind).toBe('draft');
  });

  it('keeps other drafts, other sends and message tasks independent', () => {
    const stuckMove = add('move', {}, 60_000);
    const otherDraft = add('draft', { draftId: 8, draftKey: 'k8' });
    const plainSend = add('send', { raw: '' });
    const laterSend = add('send', { draftId: 9 }, 60_000);
    const flag = add('flags', {});
    const draftAfterLaterSend = add('draft', { draftId: 9, draftKey: 'k9' });
    // The flag waits for the older move; the draft of 9 waits for its send.
    expect(runOrder()).toEqual([otherDraft, plainSend]);
    now += 60_000;
    // Then by due time: the flag (due long ago) as soon as the move is done.
    expect(runOrder()).toEqual([stuckMove, flag, laterSend, draftAfterLaterSend]);
  });
});
