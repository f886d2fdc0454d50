// Read/unread, flag/unflag: the flags change locally at once; the remote step stores them
// on the server wherever each message lives when it runs (a move queued earlier may have
// given it a new folder and UID).
import type { Db } from '../db/connection';
import type { DeltaCollector } from '../db/deltas';
import { hasFlag, setMessageFlags } from '../db/messages';
import { refreshThreads } from '../db/threads';
import type { ImapAccess } from '../mail/actions/session';
import { withImapSession } from '../mail/actions/session';
import { storeFlags } from '../mail/actions/store-flags';
import type { RemoteContext, TaskKind } from './task-kind';

export interface FlagsInput {
  messageIds: number[];
  add: string[];
  remove: string[];
  /** "Mark read", "Flag"… for the task list. */
  label: string;
}

export interface FlagsPayload {
  input: FlagsInput;
  /** The messages this task changed, with their flags before, for rollback and undo. */
  messages: { id: number; before: string[] }[];
}

interface Located {
  id: number;
  uid: number;
  path: string;
  flags: string;
  thread_id: number | null;
}

function locate(db: Db, ids: number[]): Located[] {
  if (ids.length === 0) return [];
  return db
    .prepare(
      `SELECT m.id, m.uid, m.flags, m.thread_id, mb.path FROM messages m
       JOIN mailboxes mb ON mb.id = m.mailbox_id WHERE m.id IN (${ids.map(() => '?').join(',')})`,
    )
    .all(...ids) as Located[];
}

export function withFlags(flags: string[], add: string[], remove: string[]): string[] {
  const kept = flags.filter((f) => !remove.some((r) => r.toLowerCase() === f.toLowerCase()));
  return [...kept, ...add.filter((a) => !hasFlag(kept, a))];
}

function applyFlags(
  db: Db,
  rows: Located[],
  next: (row: Located) => string[],
  deltas: DeltaCollector,
) {
  for (const row of rows) {
    setMessageFlags(db, row.id, next(row));
    deltas.add('messages', 'update', [row.id]);
  }
  refreshThreads(
    db,
    rows.map((r) => r.thread_id).filter((t): t is number => t !== null),
    deltas,
  );
}

export function flagsTask(
  access: (accountId: string) => Promise<ImapAccess>,
): TaskKind<FlagsInput, FlagsPayload> {
  return {
    applyLocal(db, input, deltas) {
      const parse = (row: Located) => JSON.parse(row.flags) as string[];
      const changed = locate(db, input.messageIds).filter((row) => {
        const before = parse(row);
        const after = withFlags(before, input.add, input.remove);
        return after.length !== before.length || after.some((f) => !hasFlag(before, f));
      });
      if (changed.length === 0) return null;
      applyFlags(db, changed, (row) => withFlags(parse(row), input.add, input.remove), deltas);
      return { input, messages: changed.map((row) => ({ id: row.id, before: parse(row) })) };
    },

    async runRemote(payload, ctx: RemoteContext) {
      // Placeholder UIDs (below 1) belong to messages whose move has not reached the server.
      const rows = locate(
        ctx.db,
        payload.messages.map((m) => m.id),
      ).filter((r) => r.uid > 0);
      const byPath = new Map<string, number[]>();
      for (const row of rows) byPath.set(row.path, [...(byPath.get(row.path) ?? []), row.uid]);
      if (byPath.size === 0) return;
      await withImapSession(await access(ctx.accountId), async (client) => {
        for (const [path, uids] of byPath) {
          await storeFlags(client, path, uids, payload.input.add, payload.input.remove);
        }
      });
    },

    rollbackLocal(db, payload, deltas) {
      const before = new Map(payload.messages.map((m) => [m.id, m.before]));
      const { add, remove } = payload.input;
      applyFlags(
        db,
        locate(db, [...before.keys()]),
        (row) => {
          // Undo only this task's change, keeping whatever else happened since.
          const was = before.get(row.id) ?? [];
          return withFlags(
            JSON.parse(row.flags) as string[],
            remove.filter((f) => hasFlag(was, f)),
            add.filter((f) => !hasFlag(was, f)),
          );
        },
        deltas,
      );
    },

    inverse(_db, payload) {
      return {
        messageIds: payload.messages.map((m) => m.id),
        add: payload.input.remove,
        remove: payload.input.add,
        label: `Undo: ${payload.input.label.toLowerCase()}`,
      };
    },

    describe(payload) {
      const n = payload.messages.length;
      return `${payload.input.label} (${n} message${n === 1 ? '' : 's'})`;
    },
  };
}
