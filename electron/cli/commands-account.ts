// `passerelle account rename|password`: account settings from the command line. The other
// `account` subcommands stay in commands.ts; main.ts wraps that command with this one.
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

type Command = (argv: string[], ctx: CommandContext) => Promise<void>;

/** `account …`: rename and password here, every other subcommand as `fallback` does it. */
export function withAccountSettings(fallback: Command): Command {
  return async (argv, ctx) => {
    const [sub, ...rest] = argv;
    if (sub === 'rename') return renameCommand(rest, ctx);
    if (sub === 'password') return passwordCommand(rest, ctx);
    return fallback(argv, ctx);
  };
}
