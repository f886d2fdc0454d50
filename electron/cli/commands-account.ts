// `passerelle account rename|password|identity|folders`: account settings from the command
// line. The other `account` subcommands stay in commands.ts; main.ts wraps that command
// with this one.
// A password never comes from argv (it would show in `ps` and the shell history): it is
// read from a file or from stdin.
import { readFile } from 'node:fs/promises';
import type { Account } from '../../shared/domain';
import type { Core } from '../core/core-types';
import { CoreError } from '../core/errors';
import { parseCommand, UsageError } from './args';
import { describeAccount, type CommandContext } from './commands';

const json = (value: unknown) => JSON.stringify(value, null, 2);

/** An account by id, or by name as the other account commands take it. */
async function findAccount(core: Core, idOrName: string): Promise<Account> {
  const accounts = await core.handlers['accounts.list']({});
  const account =
    accounts.find((a) => a.id === idOrName) ?? accounts.find((a) => a.name === idOrName);
  if (!account) throw new CoreError('not-found', `No account with the id or name "${idOrName}".`);
  return account;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The first line of the file or of stdin: `echo secret | passerelle account password …`. */
async function readPassword(file: string | undefined): Promise<string> {
  const text = file === undefined ? await readStdin() : await readFile(file, 'utf8');
  const password = text.split(/\r?\n/)[0] ?? '';
  if (!password) {
    throw new UsageError(
      file === undefined ? 'No password on stdin.' : `The first line of ${file} is empty.`,
    );
  }
  return password;
}

async function renameCommand(argv: string[], ctx: CommandContext): Promise<void> {
  const { values, positionals } = parseCommand(argv, { json: { type: 'boolean' } });
  const [idOrName, name, ...extra] = positionals;
  if (!idOrName || !name || extra.length > 0) {
    throw new UsageError('account rename takes the account (id or name) and its new name.');
  }
  const core = await ctx.core();
  const account = await findAccount(core, idOrName);
  const renamed = await core.handlers['accounts.rename']({ id: account.id, name });
  ctx.out(values.json ? json(renamed) : `Renamed ${account.name} to ${renamed.name}`);
}

async function passwordCommand(argv: string[], ctx: CommandContext): Promise<void> {
  const { values, positionals } = parseCommand(argv, {
    'password-file': { type: 'string' },
    json: { type: 'boolean' },
  });
  const [idOrName, ...extra] = positionals;
  if (!idOrName || extra.length > 0) {
    throw new UsageError('account password takes the account (id or name).');
  }
  const password = await readPassword(values['password-file']);
  const core = await ctx.core();
  const account = await findAccount(core, idOrName);
  const updated = await core.handlers['accounts.setPassword']({ id: account.id, password });
  ctx.out(values.json ? json(updated) : `Password changed: ${describeAccount(updated)}`);
}

/**
 * `account identity`: shows a mail account's name in From and signature; --from-name and
 * --signature-file (- for stdin) or --no-signature change them.
 */
async function identityCommand(argv: string[], ctx: CommandContext): Promise<void> {
  const { values, positionals } = parseCommand(argv, {
    'from-name': { type: 'string' },
    'signature-file': { type: 'string' },
    'no-signature': { type: 'boolean' },
    json: { type: 'boolean' },
  });
  const [idOrName, ...extra] = positionals;
  if (!idOrName || extra.length > 0) {
    throw new UsageError('account identity takes the account (id or name).');
  }
  const file = values['signature-file'];
  if (file !== undefined && values['no-signature']) {
    throw new UsageError('Give --signature-file or --no-signature, not both.');
  }
  const signature = values['no-signature']
    ? ''
    : file === undefined
      ? undefined
      : file === '-'
        ? await readStdin()
        : await readFile(file, 'utf8');
  const core = await ctx.core();
  let account = await findAccount(core, idOrName);
  if (account.kind !== 'imap') throw new UsageError(`${account.name} is not a mail account.`);
  if (values['from-name'] !== undefined || signature !== undefined) {
    account = await core.handlers['accounts.setIdentity']({
      id: account.id,
      name: values['from-name'] ?? account.identity?.name ?? '',
      signature: signature ?? account.identity?.signature ?? '',
    });
  }
  const identity = (account.kind === 'imap' && account.identity) || { name: '', signature: '' };
  if (values.json) return ctx.out(json(identity));
  ctx.out(`Name in From: ${identity.name || '(none set: the name given with --from, if any)'}`);
  ctx.out(identity.signature ? `Signature:\n-- \n${identity.signature}` : 'Signature: (none)');
}

const SYNC_CHOICES: Record<string, boolean | null> = { on: true, off: false, default: null };

/** `account folders`: lists the folders and what syncs; --sync and --window change it. */
async function foldersCommand(argv: string[], ctx: CommandContext): Promise<void> {
  const { values, positionals } = parseCommand(argv, {
    sync: { type: 'string', multiple: true },
    window: { type: 'string' },
    json: { type: 'boolean' },
  });
  const [idOrName, ...extra] = positionals;
  if (!idOrName || extra.length > 0) {
    throw new UsageError('account folders takes the account (id or name).');
  }
  const changes = (values.sync ?? []).map((arg) => {
    const at = arg.lastIndexOf('=');
    const choice = at > 0 ? SYNC_CHOICES[arg.slice(at + 1)] : undefined;
    if (choice === undefined)
      throw new UsageError(`--sync takes PATH=on, PATH=off or PATH=default, not "${arg}".`);
    return { path: arg.slice(0, at), sync: choice };
  });
  const window = values.window;
  if (window !== undefined && window !== 'all' && !/^[1-9]\d*$/.test(window)) {
    throw new UsageError('--window takes a number of days, or all.');
  }
  const core = await ctx.core();
  const account = await findAccount(core, idOrName);
  let choices = await core.handlers['folders.list']({ accountId: account.id });
  for (const change of changes) {
    choices = await core.handlers['folders.setSync']({ accountId: account.id, ...change });
  }
  if (window !== undefined) {
    choices = await core.handlers['folders.setWindow']({
      accountId: account.id,
      windowDays: window === 'all' ? null : Number(window),
    });
  }
  if (values.json) return ctx.out(json(choices));
  for (const f of choices.folders) {
    const how = `${f.syncEnabled ? 'syncs' : 'not synced'}${f.chosen ? '' : ' (default)'}`;
    ctx.out(`${f.path}${f.role ? ` [${f.role}]` : ''}: ${how}`);
  }
  ctx.out(
    choices.windowDays === null
      ? 'Window: every message.'
      : `Window: messages of the last ${choices.windowDays} days.`,
  );
}

type Command = (argv: string[], ctx: CommandContext) => Promise<void>;

/** `account …`: rename, password, identity and folders here; the others as `fallback` does. */
export function withAccountSettings(fallback: Command): Command {
  return async (argv, ctx) => {
    const [sub, ...rest] = argv;
    if (sub === 'rename') return renameCommand(rest, ctx);
    if (sub === 'password') return passwordCommand(rest, ctx);
    if (sub === 'folders') return foldersCommand(rest, ctx);
    if (sub === 'identity') return identityCommand(rest, ctx);
    return fallback(argv, ctx);
  };
}
