// Archive, trash, junk and move: the message leaves its folder locally at once. Until the
// server has moved it, its row sits in the destination under a placeholder UID (minus its
// row id, which no server UID can collide with); the real UID from COPYUID replaces it.
import type { Db } from '../db/connection';
import type { DeltaCollector } from '../db/deltas';
import { ensureMailbox } from '../db/mailboxes';
import { refreshThreads } from '../db/threads';
import { moveMessages } from '../mail/actions/move-messages';
import { withImapSession, type ImapAccess } from '../mail/actions/session';
import { ensureRoleFolder, requireFolder, type MailboxRole } from '../mail/actions/special-use';
import type { TaskKind } from './task-kind';

export interface MoveInput {
  moves: { id: number; to: string }[];
  /** Set for archive/trash/junk: the server's folder for the role wins over the local guess. */
  role?: MailboxRole;
  label: string;
}

interface MoveItem {
  id: number;
  fromMailboxId: number;
  fromPath: string;
  uid: number;
  messageId: string | null;
  to: string;
  /** The UID in the destination once the server moved it. */
  newUid?: number | null;
}

export interface MovePayload {
  input: MoveInput;
  items: MoveItem[];
}

interface Row {
  id: number;
  account_id: string;
  mailbox_id: number;
  uid: number;
  message_id: string | null;
  thread_id: number | null;
  path: string;
}

const ROW = `SELECT m.id, m.account_id, m.mailbox_id, m.uid, m.message_id, m.thread_id, mb.path
  FROM messages m JOIN mailboxes mb ON mb.id = m.mailbox_id WHERE m.id = ?`;

/** Puts a message row at (mailbox, uid), or drops it when sync already stored that message there. */
function place(db: Db, row: Row, mailboxId: number, uid: number, deltas: DeltaCollector): void {
  const taken = db
    .prepare('SELECT id FROM messages WHERE mailbox_id = ? AND uid = ? AND id <> ?')
    .get(mailboxId, uid, row.id);
  if (taken) {
    db.prepare('DELETE FROM messages WHERE id = ?').run(row.id);
    deltas.add('messages', 'delete', [row.id]);
  } else {
    db.prepare('UPDATE messages SET mailbox_id = ?, uid = ? WHERE id = ?').run(
      mailboxId,
      uid,
      row.id,
    );
    deltas.add('messages', 'update', [row.id]);
  }
  if (row.thread_id !== null) refreshThreads(db, [row.thread_id], deltas);
}

export function moveTask(
  access: (accountId: string) => Promise<ImapAccess>,
  onRoleFound: (accountId: string, role: MailboxRole, path: string) => void,
): TaskKind<MoveInput, MovePayload> {
  return {
    applyLocal(db, input, deltas) {
      const items: MoveItem[] = [];
      for (const move of input.moves) {
        const row = db.prepare(ROW).get(move.id) as Row | undefined;
        if (!row || row.path === move.to || row.uid < 1) continue;
        items.push({
          id: row.id,
          fromMailboxId: row.mailbox_id,
          fromPath: row.path,
          uid: row.uid,
          messageId: row.message_id,
          to: move.to,
        });
        place(db, row, ensureMailbox(db, row.account_id, move.to), -row.id, deltas);
      }
      return items.length > 0 ? { input, items } : null;
    },

    async runRemote(payload, ctx) {
      const items = payload.items.map((item) => ({ ...item }));
      await withImapSession(await access(ctx.accountId), async (client) => {
        if (payload.input.role) {
          const path = await ensureRoleFolder(client, payload.input.role);
          onRoleFound(ctx.accountId, payload.input.role, path);
          for (const item of items) item.to = path;
        } else {
          for (const to of new Set(items.map((i) => i.to))) await requireFolder(client, to);
        }
        const groups = new Map<string, MoveItem[]>();
        for (const item of items) {
          const key = `${item.fromPath}\u0000${item.to}`;
          groups.set(key, [...(groups.get(key) ?? []), item]);
        }
        for (const group of groups.values()) {
          const moved = await moveMessages(client, group[0]!.fromPath, group[0]!.to, group);
          for (const item of group) item.newUid = moved.get(item.uid) ?? null;
        }
      });
      ctx.write((db, deltas) => {
        for (const item of items) {
          const row = db.prepare(ROW).get(item.id) as Row | undefined;
          if (!row || row.uid !== -item.id) continue; // sync or a rollback got there first
          if (item.newUid)
            place(db, row, ensureMailbox(db, row.account_id, item.to), item.newUid, deltas);
          else {
            // Moved, but its new UID is unknown: the destination's sync will bring it back.
            db.prepare('DELETE FROM messages WHERE id = ?').run(row.id);
            deltas.add('messages', 'delete', [row.id]);
            if (row.thread_id !== null) refreshThreads(db, [row.thread_id], deltas);
          }
        }
      });
      return { ...payload, items };
    },

    rollbackLocal(db, payload, deltas) {
      for (const item of payload.items) {
        const row = db.prepare(ROW).get(item.id) as Row | undefined;
        if (row && row.uid === -item.id) place(db, row, item.fromMailboxId, item.uid, deltas);
      }
    },

    inverse(_db, payload) {
      const moves = payload.items
        .filter((i) => i.newUid)
        .map((i) => ({ id: i.id, to: i.fromPath }));
      return moves.length > 0
        ? { moves, label: `Undo: ${payload.input.label.toLowerCase()}` }
        : null;
    },

    describe(payload) {
      const n = payload.items.length;
      return `${payload.input.label} (${n} message${n === 1 ? '' : 's'})`;
    },
  };
}
