// Turns a user action on messages or threads into outbox tasks: which messages it touches
// (a thread's flag goes on its latest message, archiving leaves sent mail in Sent, not
// junk takes back only what is in Junk, deleting for good reaches only Trash and Junk),
// and which task kind and input carry it, one task per account.
import type { MailAction } from '../../../shared/requests/mail-actions';
import type { Db } from '../db/connection';
import type { MailboxRole } from '../mail/actions/special-use';
import type { ExpungeInput } from './expunge-task';
import type { FlagsInput } from './flags-task';
import type { MoveInput } from './move-task';

export interface Target {
  id: number;
  account_id: string;
  path: string;
  role: string | null;
}

export type PlannedTask =
  | { accountId: string; kind: 'flags'; input: FlagsInput }
  | { accountId: string; kind: 'expunge'; input: ExpungeInput }
  | { accountId: string; kind: 'move'; input: MoveInput };

function hasRoleColumn(db: Db): boolean {
  return (
    db.prepare("SELECT 1 FROM pragma_table_info('mailboxes') WHERE name = 'role'").get() !==
    undefined
  );
}

function targets(db: Db, where: string, ids: number[]): Target[] {
  if (ids.length === 0) return [];
  const role = hasRoleColumn(db) ? 'mb.role' : 'NULL';
  return db
    .prepare(
      `SELECT m.id, m.account_id, mb.path, ${role} AS role FROM messages m
       JOIN mailboxes mb ON mb.id = m.mailbox_id WHERE ${where} IN (${ids.map(() => '?').join(',')})
       ORDER BY m.id`,
    )
    .all(...ids) as Target[];
}

const numeric = (ids: string[]) => ids.map(Number).filter(Number.isSafeInteger);

export function messageTargets(db: Db, messageIds: string[]): Target[] {
  return targets(db, 'm.id', numeric(messageIds));
}

/** Accepts thread ids and timeline item ids (`mail-thread:<id>`). */
export function threadTargets(db: Db, threadIds: string[], action: MailAction): Target[] {
  const ids = numeric(threadIds.map((id) => id.replace(/^mail-thread:/, '')));
  if (action !== 'flag') return targets(db, 'm.thread_id', ids);
  // Flagging a conversation flags its latest message, as most clients do.
  const latest = ids
    .map(
      (id) =>
        db
          .prepare(
            'SELECT id FROM messages WHERE thread_id = ? ORDER BY date DESC, id DESC LIMIT 1',
          )
          .get(id) as { id: number } | undefined,
    )
    .filter((r) => r !== undefined)
    .map((r) => r.id);
  return targets(db, 'm.id', latest);
}

/** The local guess of a role's folder: the mailboxes table's role when synced, else a cache or the usual name. */
export type RolePath = (accountId: string, role: MailboxRole) => string;

export function localRolePath(db: Db, cache: Map<string, string>): RolePath {
  return (accountId, role) => {
    if (hasRoleColumn(db)) {
      const row = db
        .prepare('SELECT path FROM mailboxes WHERE account_id = ? AND role = ?')
        .get(accountId, role) as { path: string } | undefined;
      if (row) return row.path;
    }
    return cache.get(`${accountId}\u0000${role}`) ?? role.charAt(0).toUpperCase() + role.slice(1);
  };
}

const FLAG_ACTIONS: Partial<Record<MailAction, Omit<FlagsInput, 'messageIds'>>> = {
  read: { add: ['\\Seen'], remove: [], label: 'Mark read' },
  unread: { add: [], remove: ['\\Seen'], label: 'Mark unread' },
  flag: { add: ['\\Flagged'], remove: [], label: 'Flag' },
  unflag: { add: [], remove: ['\\Flagged'], label: 'Unflag' },
};

/** RFC 3501 §5.1: every account has it, under this name. */
const INBOX = 'INBOX';

const isOwn = (t: Target) => t.role === 'sent' || t.role === 'drafts';

/** The messages of a conversation an action moves. */
function movedBy(action: MailAction, list: Target[]): Target[] {
  switch (action) {
    // Filing a conversation away leaves the user's own sent messages and drafts where they
    // are; and what the user wrote is never junk.
    case 'archive':
    case 'junk':
      return list.filter((t) => !isOwn(t));
    // Only what sits in Junk: the rest of the conversation was never junk.
    case 'notjunk':
      return list.filter((t) => t.role === 'junk');
    // A chosen folder takes the conversation, the user's sent messages too when they are
    // all it has (moving from Sent); drafts stay with the drafts.
    case 'move': {
      const others = list.filter((t) => !isOwn(t));
      return others.length > 0 ? others : list.filter((t) => t.role !== 'drafts');
    }
    default:
      return list;
  }
}

const ROLE_ACTIONS: Partial<Record<MailAction, { role: MailboxRole; label: string }>> = {
  archive: { role: 'archive', label: 'Archive' },
  trash: { role: 'trash', label: 'Move to Trash' },
  junk: { role: 'junk', label: 'Mark as junk' },
};

export function planAction(
  action: MailAction,
  folder: string | undefined,
  all: Target[],
  rolePath: RolePath,
): PlannedTask[] {
  const byAccount = new Map<string, Target[]>();
  for (const t of all) byAccount.set(t.account_id, [...(byAccount.get(t.account_id) ?? []), t]);
  const planned: PlannedTask[] = [];
  for (const [accountId, list] of byAccount) {
    const flags = FLAG_ACTIONS[action];
    if (flags) {
      planned.push({
        accountId,
        kind: 'flags',
        input: { ...flags, messageIds: list.map((t) => t.id) },
      });
      continue;
    }
    if (action === 'delete') {
      // Deleting for good never reaches past Trash and Junk, whatever the request names.
      const doomed = list.filter((t) => t.role === 'trash' || t.role === 'junk');
      if (doomed.length > 0) {
        planned.push({
          accountId,
          kind: 'expunge',
          input: { messageIds: doomed.map((t) => t.id), label: 'Delete forever' },
        });
      }
      continue;
    }
    const role = ROLE_ACTIONS[action];
    const to = role ? rolePath(accountId, role.role) : action === 'notjunk' ? INBOX : folder!;
    const moving = movedBy(action, list);
    if (moving.length === 0) continue;
    planned.push({
      accountId,
      kind: 'move',
      input: {
        moves: moving.map((t) => ({ id: t.id, to })),
        ...(role ? { role: role.role } : {}),
        label: role ? role.label : action === 'notjunk' ? 'Not junk' : `Move to ${to}`,
      },
    });
  }
  return planned;
}
