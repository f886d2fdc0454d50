// CLI commands of the mail engine's outbox: `mark`, `send` and `tasks`. Each queues its
// task through the same contract as the UI, then waits for the remote step so the exit
// code says whether the server took it; an interrupted wait leaves the task in the
// outbox, and the next core start resumes it.
import { readFileSync } from 'node:fs';
import type { MailAction, SmtpSettings, TaskInfo } from '../../shared/requests/mail-actions';
import { MAIL_ACTIONS } from '../../shared/requests/mail-actions';
import type { Core } from '../core/core-types';
import { CoreError } from '../core/errors';
import { integerOption, parseCommand, requireOption, UsageError } from './args';
import type { CommandContext } from './commands';

const json = (value: unknown) => JSON.stringify(value, null, 2);

function describeTask(t: TaskInfo): string {
  const why = t.lastError ? ` — ${t.lastError}` : '';
  const when = t.state === 'pending' && t.nextAttemptAt ? ` (next attempt ${t.nextAttemptAt})` : '';
  return `${t.id}\t${t.state}\t${t.description}${when}${why}`;
}

/** Polls the outbox until every task settled (done, failed or undone) or the time is up. */
export async function waitFor(core: Core, ids: string[], timeoutMs: number): Promise<TaskInfo[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const all = await core.handlers['tasks.list']({});
    const mine = all.filter((t) => ids.includes(t.id));
    const open = mine.some((t) => t.state === 'pending' || t.state === 'running');
    if (!open || Date.now() > deadline) return mine;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export function report(tasks: TaskInfo[], ctx: CommandContext, asJson: boolean | undefined): void {
  if (asJson) ctx.out(json(tasks));
  else for (const task of tasks) ctx.out(describeTask(task));
  const failed = tasks.find((t) => t.state === 'failed');
  if (failed) {
    throw new CoreError(
      'unavailable',
      `${failed.description} failed: ${failed.lastError ?? 'unknown reason'}. Retry with: passerelle tasks retry ${failed.id}`,
    );
  }
  const open = tasks.find((t) => t.state === 'pending' || t.state === 'running');
  if (open) {
    throw new CoreError(
      'unavailable',
      `${open.description} is still in the outbox (task ${open.id}); it resumes on the next run.`,
    );
  }
}

/** `mark ITEM_ID ACTION`: ITEM_ID is a timeline item id (mail-thread:N), a thread id, or message:N. */
export async function markCommand(argv: string[], ctx: CommandContext): Promise<void> {
  const { values, positionals } = parseCommand(argv, {
    folder: { type: 'string' },
    json: { type: 'boolean' },
    'no-wait': { type: 'boolean' },
    timeout: { type: 'string' },
  });
  const [item, action] = positionals;
  if (!item || !action || !(MAIL_ACTIONS as readonly string[]).includes(action)) {
    throw new UsageError(`mark takes ITEM_ID and one of: ${MAIL_ACTIONS.join(', ')}.`);
  }
  if (action === 'move' && !values.folder) throw new UsageError('mark ITEM move needs --folder F.');
  const core = await ctx.core();
  const common = {
    action: action as MailAction,
    ...(values.folder ? { folder: values.folder } : {}),
  };
  const tasks = item.startsWith('message:')
    ? await core.handlers['messages.act']({
        ...common,
        messageIds: [item.slice('message:'.length)],
      })
    : await core.handlers['threads.act']({ ...common, threadIds: [item] });
  if (tasks.length === 0) {
    ctx.out(values.json ? json([]) : 'Nothing to change.');
    return;
  }
  if (values['no-wait']) return report(tasks, ctx, values.json);
  const timeout = integerOption(values, 'timeout', 60) * 1000;
  report(
    await waitFor(
      core,
      tasks.map((t) => t.id),
      timeout,
    ),
    ctx,
    values.json,
  );
}

export async function sendCommand(argv: string[], ctx: CommandContext): Promise<void> {
  const { values } = parseCommand(argv, {
    account: { type: 'string' },
    to: { type: 'string', multiple: true },
    cc: { type: 'string', multiple: true },
    bcc: { type: 'string', multiple: true },
    subject: { type: 'string' },
    'body-file': { type: 'string' },
    'in-reply-to': { type: 'string' },
    json: { type: 'boolean' },
    timeout: { type: 'string' },
  });
  if (!values.to?.length) throw new UsageError('--to is required.');
  const core = await ctx.core();
  const name = requireOption(values, 'account');
  const account = (await core.handlers['accounts.list']({})).find((a) => a.name === name);
  if (!account) throw new CoreError('not-found', `No account named "${name}".`);
  const bodyFile = requireOption(values, 'body-file');
  const text = bodyFile === '-' ? readFileSync(0, 'utf8') : readFileSync(bodyFile, 'utf8');
  const task = await core.handlers['mail.send']({
    accountId: account.id,
    to: values.to,
    cc: values.cc ?? [],
    bcc: values.bcc ?? [],
    subject: values.subject ?? '',
    text,
    delayMs: 0,
    ...(values['in-reply-to'] ? { inReplyTo: values['in-reply-to'] } : {}),
  });
  const timeout = integerOption(values, 'timeout', 60) * 1000;
  report(await waitFor(core, [task.id], timeout), ctx, values.json);
}

/** `tasks [--json] [--failed]`, `tasks retry ID`, `tasks undo ID`, `tasks wait`. */
export async function tasksCommand(argv: string[], ctx: CommandContext): Promise<void> {
  const { values, positionals } = parseCommand(argv, {
    json: { type: 'boolean' },
    failed: { type: 'boolean' },
    timeout: { type: 'string' },
  });
  const [sub, id] = positionals;
  const core = await ctx.core();
  const timeout = integerOption(values, 'timeout', 60) * 1000;
  if (sub === 'retry' || sub === 'undo') {
    if (!id) throw new UsageError(`tasks ${sub} takes a task id.`);
    const task = await core.handlers[sub === 'retry' ? 'tasks.retry' : 'tasks.undo']({
      taskId: id,
    });
    report(await waitFor(core, [task.id], timeout), ctx, values.json);
  } else if (sub === 'wait') {
    // Lets the core resume whatever a previous run left in the outbox, then reports it.
    const open = await core.handlers['tasks.list']({ states: ['pending', 'running'] });
    report(
      await waitFor(
        core,
        open.map((t) => t.id),
        timeout,
      ),
      ctx,
      values.json,
    );
  } else if (sub === undefined) {
    const tasks = await core.handlers['tasks.list'](values.failed ? { states: ['failed'] } : {});
    if (values.json) ctx.out(json(tasks));
    else if (tasks.length === 0) ctx.out('The outbox is empty.');
    else for (const task of tasks) ctx.out(describeTask(task));
  } else {
    throw new UsageError('tasks takes retry ID, undo ID or wait.');
  }
}

/** `account add imap` options for the outgoing server; all optional (no SMTP: no sending). */
export const SMTP_OPTIONS = {
  'smtp-host': { type: 'string' },
  'smtp-port': { type: 'string' },
  'smtp-tls': { type: 'string' },
  'smtp-user': { type: 'string' },
  from: { type: 'string' },
} as const;

export function smtpFromOptions(values: Record<string, unknown>): SmtpSettings | undefined {
  if (values['smtp-host'] === undefined) {
    if (values['smtp-port'] !== undefined || values['smtp-tls'] !== undefined) {
      throw new UsageError('--smtp-port and --smtp-tls need --smtp-host.');
    }
    return undefined;
  }
  const tls = values['smtp-tls'] ?? 'starttls';
  if (tls !== 'none' && tls !== 'starttls' && tls !== 'tls') {
    throw new UsageError('--smtp-tls takes none, starttls or tls.');
  }
  if (tls === 'none') process.stderr.write('Warning: mail is sent without encryption.\n');
  const user = values['smtp-user'];
  const from = values.from;
  return {
    host: requireOption(values, 'smtp-host'),
    port: integerOption(values, 'smtp-port', tls === 'tls' ? 465 : 587),
    tls,
    ...(typeof user === 'string' ? { user } : {}),
    ...(typeof from === 'string' ? { from } : {}),
  };
}
