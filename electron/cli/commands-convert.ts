// `passerelle convert THREAD_ID`: posts an email thread to an RSE space through the same
// contract as the UI, then waits for the outbox task so the exit code says whether the
// post exists; `--preview` prints the plan and sends nothing. `conversions` lists them.
import type { ConversionInfo, ConvertPreview } from '../../shared/requests/convert';
import type { Core } from '../core/core-types';
import { CoreError } from '../core/errors';
import { integerOption, parseCommand, UsageError } from './args';
import type { CommandContext } from './commands';

const json = (value: unknown) => JSON.stringify(value, null, 2);

async function rseAccountId(core: Core, name: string): Promise<string> {
  const account = (await core.handlers['accounts.list']({})).find(
    (a) => a.name === name || a.id === name,
  );
  if (!account || account.kind === 'imap') {
    throw new CoreError('not-found', `No RSE account named "${name}".`);
  }
  return account.id;
}

function printPreview(preview: ConvertPreview, out: (line: string) => void): void {
  const d = preview.destination;
  out(d ? `To: ${d.accountName} / ${d.spaceName} (${d.reason})` : 'To: (no destination)');
  if (preview.title !== null) out(`Title: ${preview.title}`);
  preview.parts.forEach((body, i) => {
    out(i === 0 ? '--- post ---' : `--- reply ${i} ---`);
    out(body);
  });
  for (const u of preview.uploads) {
    out(`File: ${u.filename} (${u.contentType}, ${u.size} bytes${u.inline ? ', inline' : ''})`);
  }
  for (const w of preview.warnings) out(`Note: ${w}`);
  for (const p of preview.problems) out(`Problem: ${p.message}`);
}

/** Polls until the conversion's task settled; the task, not the record, says "finished". */
async function settle(core: Core, c: ConversionInfo, timeoutMs: number): Promise<ConversionInfo> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const task = c.taskId
      ? (await core.handlers['tasks.list']({})).find((t) => t.id === c.taskId)
      : undefined;
    const open = task && (task.state === 'pending' || task.state === 'running');
    const latest = (await core.handlers['convert.get']({ conversionId: c.id })) ?? c;
    if (!open || Date.now() > deadline) return latest;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export async function convertCommand(argv: string[], ctx: CommandContext): Promise<void> {
  const { values, positionals } = parseCommand(argv, {
    account: { type: 'string' },
    space: { type: 'string' },
    to: { type: 'string' },
    preview: { type: 'boolean' },
    json: { type: 'boolean' },
    timeout: { type: 'string' },
    'reply-all': { type: 'boolean' },
    archive: { type: 'boolean' },
  });
  const threadId = positionals[0];
  if (!threadId) throw new UsageError('convert takes a THREAD_ID (from: threads --json).');
  // --to ACCOUNT:SPACE is the short form of --account ACCOUNT --space SPACE.
  let account = values.account;
  let space = values.space;
  if (values.to)
    [account, space] = [values.to.split(':')[0], values.to.split(':').slice(1).join(':')];
  if (!!account !== !!space) throw new UsageError('--account and --space go together.');
  const core = await ctx.core();
  const destination =
    account && space ? { accountId: await rseAccountId(core, account), spaceId: space } : undefined;
  if (destination)
    await core.handlers['rse.spaces']({ accountId: destination.accountId, refresh: true });
  const result = await core.handlers['convert.thread']({
    threadId,
    ...(destination ? { destination } : {}),
    preview: values.preview === true,
    delayMs: 0,
    // Given: overrides the conversion options for this thread (see `conversions options`).
    ...(values['reply-all'] !== undefined ? { replyAll: values['reply-all'] } : {}),
    ...(values.archive !== undefined ? { archive: values.archive } : {}),
  });
  if ('preview' in result) {
    if (values.json) ctx.out(json(result.preview));
    else printPreview(result.preview, ctx.out);
    if (result.preview.problems.length > 0) {
      throw new CoreError('invalid-params', 'This thread cannot be posted as it is.');
    }
    return;
  }
  const done = await settle(core, result.conversion, integerOption(values, 'timeout', 120) * 1000);
  if (values.json) ctx.out(json(done));
  else if (done.state === 'posted')
    ctx.out(`Posted to ${done.spaceName}: ${done.permalink ?? done.postRemoteId}`);
  if (done.state === 'posted') return;
  const retry = `Retry with: passerelle conversions retry ${done.id}`;
  throw new CoreError(
    'unavailable',
    done.state === 'queued' || done.state === 'posting'
      ? `The conversion is still in the outbox (${done.lastError ?? 'waiting'}); it resumes on the next run.`
      : `The conversion is ${done.state}: ${done.lastError ?? 'unknown reason'}. ${retry}`,
  );
}

function onOff(value: string | undefined, name: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === 'on' || value === 'off') return value === 'on';
  throw new UsageError(`--${name} takes on or off.`);
}

/** `conversions options [--follow on|offered|off] [--reply-all on|off] [--archive on|off]`. */
async function optionsCommand(core: Core, argv: string[], ctx: CommandContext): Promise<void> {
  const { values } = parseCommand(argv, {
    json: { type: 'boolean' },
    follow: { type: 'string' },
    'reply-all': { type: 'string' },
    archive: { type: 'string' },
  });
  const follow = values.follow;
  if (follow !== undefined && follow !== 'on' && follow !== 'offered' && follow !== 'off') {
    throw new UsageError('--follow takes on, offered or off.');
  }
  const replyAll = onOff(values['reply-all'], 'reply-all');
  const archive = onOff(values.archive, 'archive');
  const options = await core.handlers['convert.setOptions']({
    ...(follow !== undefined ? { follow } : {}),
    ...(replyAll !== undefined ? { replyAll } : {}),
    ...(archive !== undefined ? { archive } : {}),
  });
  if (values.json) ctx.out(json(options));
  else {
    const word = (on: boolean) => (on ? 'on' : 'off');
    ctx.out(`follow: ${options.follow}`);
    ctx.out(`reply-all: ${word(options.replyAll)}`);
    ctx.out(`archive: ${word(options.archive)}`);
  }
}

/**
 * `conversions [--json]`, `conversions retry ID`, `conversions follow ID` (adds the thread's
 * new emails to the post), `conversions options …`: the Converted view.
 */
export async function conversionsCommand(argv: string[], ctx: CommandContext): Promise<void> {
  if (argv[0] === 'options') return optionsCommand(await ctx.core(), argv.slice(1), ctx);
  const { values, positionals } = parseCommand(argv, { json: { type: 'boolean' } });
  const core = await ctx.core();
  if (positionals[0] === 'follow') {
    const id = positionals[1];
    if (!id) throw new UsageError('conversions follow takes a conversion id.');
    await core.handlers['convert.follow']({ conversionId: id });
    // The comments are posted by the outbox: wait for its follow-up tasks to settle.
    const deadline = Date.now() + 120_000;
    const pending = async () =>
      (await core.handlers['tasks.list']({ states: ['pending', 'running'] })).some(
        (t) => t.kind === 'convert-follow',
      );
    while ((await pending()) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const done = (await core.handlers['convert.get']({ conversionId: id }))!;
    const replies = `${done.replyRemoteIds.length} replies`;
    ctx.out(values.json ? json(done) : `${done.id}\t${done.state}\t${replies}`);
    return;
  }
  if (positionals[0] === 'retry') {
    const id = positionals[1];
    if (!id) throw new UsageError('conversions retry takes a conversion id.');
    const retried = await core.handlers['convert.retry']({ conversionId: id });
    const done = await settle(core, retried, 120_000);
    ctx.out(values.json ? json(done) : `${done.id}\t${done.state}\t${done.permalink ?? ''}`);
    return;
  }
  const list = await core.handlers['convert.list']({});
  if (values.json) ctx.out(json(list));
  else if (list.length === 0) ctx.out('No conversions.');
  else
    for (const c of list)
      ctx.out(`${c.id}\t${c.state}\t${c.spaceName}\t${c.title}\t${c.permalink ?? ''}`);
}

export const CONVERT_COMMANDS = { convert: convertCommand, conversions: conversionsCommand };
