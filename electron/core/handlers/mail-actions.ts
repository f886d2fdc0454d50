// Handlers of the two-way mail actions, sending and the outbox. Every request applies its
// local effect and queues a task in one transaction, then returns: the remote step runs in
// the outbox (tasks/runner.ts), owned by the core and resumed on the next start.
import type { Handlers } from '../../../shared/contract';
import type { ImapSettings } from '../../../shared/domain';
import type { TaskInfo } from '../../../shared/requests/mail-actions';
import type { CoreContext } from '../core-context';
import { secretKeyFor, type StoredImapAccount } from '../db/accounts';
import { listThreadMessages } from '../db/messages';
import { CoreError } from '../errors';
import { mailFilter } from '../db/timeline-filters';
import type { ImapAccess } from '../mail/actions/session';
import { tokenSourceFor } from './imap-credentials';
import type { SmtpAccess } from '../mail/smtp';
import { composeMessage, replyDraft, replyReferences } from '../mail/smtp-compose';
import { getSmtpSettings, senderAddress, senderOf } from '../mail/smtp-settings';
import { draftTask } from '../tasks/draft-task';
import { emptyFolderTask, type EmptyFolderInput } from '../tasks/empty-folder-task';
import { expungeTask } from '../tasks/expunge-task';
import { flagsTask } from '../tasks/flags-task';
import { moveTask } from '../tasks/move-task';
import {
  localRolePath,
  messageTargets,
  planAction,
  threadTargets,
  type Target,
} from '../tasks/plan-actions';
import { TaskRunner } from '../tasks/runner';
import { sendTask } from '../tasks/send-task';
import { convertTask } from '../tasks/convert-task';
import { convertFollowTask } from '../tasks/convert-follow-task';
import { requireAccount } from './foundation';

export interface MailActionOptions {
  /** Test hook: the runner's retry policy. */
  maxAttempts?: number;
  backoff?: { initialMs: number; maxMs: number };
}

interface RefRow {
  account_id: string;
  message_id: string | null;
  refs: string;
  subject: string;
  from_json: string | null;
  to_json: string;
  cc_json: string;
  date: string;
  body_text: string | null;
}

function mailAccountOf(ctx: CoreContext, accountId: string): StoredImapAccount {
  const account = requireAccount(ctx, accountId);
  if (account.kind !== 'imap') {
    throw new CoreError('invalid-params', 'Mail actions apply to mail accounts only.');
  }
  return account;
}

function imapSettingsOf(ctx: CoreContext, accountId: string): ImapSettings {
  return mailAccountOf(ctx, accountId).imap;
}

async function passwordOf(ctx: CoreContext, accountId: string): Promise<string> {
  const password = await ctx.secrets.get(secretKeyFor(accountId));
  if (password === undefined) throw new Error('No password is stored for this account.');
  return password;
}

/** Each core's outbox, for the handler groups that queue tasks of their own (compose). */
export const outboxes = new WeakMap<CoreContext, TaskRunner>();

/** The outbox runner, owned by the core; roleCache remembers the folders the server named for each role. */
export function createOutbox(
  ctx: CoreContext,
  roleCache: Map<string, string>,
  options: MailActionOptions = {},
): TaskRunner {
  const imap = async (accountId: string): Promise<ImapAccess> => {
    const settings = imapSettingsOf(ctx, accountId);
    const oauth = tokenSourceFor(ctx, accountId, settings);
    return { settings, password: await passwordOf(ctx, accountId), ...(oauth ? { oauth } : {}) };
  };
  const smtp = async (accountId: string): Promise<SmtpAccess> => {
    const settings = getSmtpSettings(ctx.db, accountId);
    if (!settings) throw new Error('No SMTP server is configured for this account.');
    const user = settings.user ?? imapSettingsOf(ctx, accountId).user;
    return { settings, user, password: await passwordOf(ctx, accountId) };
  };
  const runner = new TaskRunner({
    writer: ctx.writer,
    kinds: {
      flags: flagsTask(imap),
      expunge: expungeTask(imap),
      empty: emptyFolderTask(imap),
      move: moveTask(imap, (accountId, role, path) =>
        roleCache.set(`${accountId}\u0000${role}`, path),
      ),
      send: sendTask(imap, smtp),
      convert: convertTask(ctx, imap),
      'convert-follow': convertFollowTask(ctx, imap),
      draft: draftTask(imap, (accountId) => senderOf(ctx.db, mailAccountOf(ctx, accountId))),
    },
    ...options,
    onChange: (tasks) => ctx.emit('tasks.changed', tasks),
    onFailed: (task) => ctx.emit('tasks.failed', task),
    log: (line) => ctx.log(line),
  });
  ctx.onDispose(() => runner.dispose());
  outboxes.set(ctx, runner);
  runner.start();
  return runner;
}

/** Messages per task of timeline.markAllRead. */
const MARK_ALL_CHUNK = 2000;

export function mailActionHandlers(ctx: CoreContext, options: MailActionOptions = {}) {
  const roleCache = new Map<string, string>();
  const runner = createOutbox(ctx, roleCache, options);
  const rolePath = localRolePath(ctx.db, roleCache);
  const act = (
    action: Parameters<typeof planAction>[0],
    folder: string | undefined,
    targets: Target[],
  ) => {
    if (targets.length === 0) throw new CoreError('not-found', 'No such message or thread.');
    return planAction(action, folder, targets, rolePath)
      .map((task) => runner.enqueue(task.accountId, task.kind, task.input))
      .filter((task) => task !== null);
  };
  const findParent = (accountId: string, messageId: string) =>
    ctx.db
      .prepare(
        'SELECT * FROM messages WHERE account_id = ? AND message_id = ? ORDER BY id DESC LIMIT 1',
      )
      .get(accountId, messageId) as RefRow | undefined;

  return {
    'messages.act': async ({ action, folder, messageIds }) =>
      act(action, folder, messageTargets(ctx.db, messageIds)),

    'threads.act': async ({ action, folder, threadIds }) =>
      act(action, folder, threadTargets(ctx.db, threadIds, action)),

    'timeline.markAllRead': async (filters) => {
      const filter = mailFilter(filters);
      if (!filter) return [];
      // A folder's own messages; a view's whole conversations, as the list shows them.
      const inFolder = filters.mailboxId !== undefined ? 'AND m.mailbox_id = @mailboxId' : '';
      const ids = (
        ctx.db
          .prepare(
            `SELECT m.id FROM messages m JOIN threads t ON t.id = m.thread_id
              WHERE m.seen = 0 ${inFolder} AND (${filter.where})`,
          )
          .all(filter.params) as { id: number }[]
      ).map((r) => String(r.id));
      const tasks: TaskInfo[] = [];
      // Bounded tasks: each names its messages in one SQL statement and one STORE per folder.
      for (let i = 0; i < ids.length; i += MARK_ALL_CHUNK) {
        tasks.push(
          ...act('read', undefined, messageTargets(ctx.db, ids.slice(i, i + MARK_ALL_CHUNK))),
        );
      }
      return tasks;
    },

    'folders.empty': async ({ accountId, path }) => {
      requireAccount(ctx, accountId);
      const role = (
        ctx.db
          .prepare('SELECT role FROM mailboxes WHERE account_id = ? AND path = ?')
          .get(accountId, path) as { role: string | null } | undefined
      )?.role;
      if (role !== 'trash' && role !== 'junk') {
        throw new CoreError('invalid-params', `Only Trash and Junk can be emptied, not "${path}".`);
      }
      const label = `Empty ${role === 'trash' ? 'Trash' : 'Junk'}`;
      const task = runner.enqueue(accountId, 'empty', { path, label } satisfies EmptyFolderInput);
      return task ? [task] : [];
    },

    // The foundation's contract, now through the outbox: it returns once the change is
    // local; a server refusal rolls it back and arrives as a tasks.failed event.
    'threads.markRead': async ({ threadId, read }) => {
      const id = Number(threadId.replace(/^mail-thread:/, ''));
      if (!Number.isSafeInteger(id) || listThreadMessages(ctx.db, id).length === 0) {
        throw new CoreError('not-found', `No thread with id ${threadId}.`);
      }
      act(read ? 'read' : 'unread', undefined, threadTargets(ctx.db, [String(id)], 'read'));
      return null;
    },

    'mail.send': async (params) => {
      const account = mailAccountOf(ctx, params.accountId);
      const smtpSettings = getSmtpSettings(ctx.db, params.accountId);
      if (!smtpSettings) {
        throw new CoreError(
          'invalid-params',
          'This account has no SMTP server; add one with --smtp-host.',
        );
      }
      const parent = params.inReplyTo ? findParent(params.accountId, params.inReplyTo) : undefined;
      const references = params.inReplyTo
        ? replyReferences(parent ? (JSON.parse(parent.refs) as string[]) : [], params.inReplyTo)
        : [];
      const composed = await composeMessage({
        from: senderOf(ctx.db, account),
        to: params.to,
        cc: params.cc,
        bcc: params.bcc,
        subject: params.subject,
        text: params.text,
        html: params.html,
        inReplyTo: params.inReplyTo,
        references,
        calendar: params.calendar,
      });
      const task = runner.enqueue(
        params.accountId,
        'send',
        { ...composed, subject: params.subject },
        params.delayMs,
      );
      if (!task) throw new Error('The message could not be queued.');
      return task;
    },

    'mail.replyDraft': async ({ messageId, mode, locale, timeZone }) => {
      const row = ctx.db.prepare('SELECT * FROM messages WHERE id = ?').get(Number(messageId)) as
        RefRow | undefined;
      if (!row) throw new CoreError('not-found', `No message with id ${messageId}.`);
      const imapSettings = imapSettingsOf(ctx, row.account_id);
      const self = senderAddress(
        getSmtpSettings(ctx.db, row.account_id),
        imapSettings.user,
        imapSettings.host,
      );
      return replyDraft(
        {
          accountId: row.account_id,
          messageId: row.message_id,
          references: JSON.parse(row.refs) as string[],
          subject: row.subject,
          from: row.from_json ? (JSON.parse(row.from_json) as { address: string }) : null,
          to: JSON.parse(row.to_json) as { address: string }[],
          cc: JSON.parse(row.cc_json) as { address: string }[],
          date: row.date,
          text: row.body_text,
        },
        mode,
        self,
        { ...(locale ? { locale } : {}), ...(timeZone ? { timeZone } : {}) },
      );
    },

    'tasks.list': async ({ states }) => runner.list(states),
    'tasks.retry': async ({ taskId }) => runner.retry(taskId),
    'tasks.undo': async ({ taskId }) => runner.undo(taskId),
  } satisfies Partial<Handlers>;
}
