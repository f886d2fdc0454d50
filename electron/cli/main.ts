// Entry point of the `passerelle` command (bin/passerelle.mjs). Returns the exit code.
import { basename, join } from 'node:path';
import type { Core } from '../core/core-types';
import { CoreError } from '../core/errors';
import { resolveProfileDir } from '../core/profile';
import { RemoteError } from '../../shared/rpc';
import { USAGE, UsageError } from './args';
import {
  accountCommand,
  serveCommand,
  syncCommand,
  threadsCommand,
  timelineCommand,
  type CommandContext,
} from './commands';
import { markCommand, sendCommand, tasksCommand } from './commands-mail';
import { notifyCommand } from './commands-notify';
import { inviteCommand, unsubscribeCommand } from './commands-offers';
import { searchCommand } from './commands-search';
import { RSE_COMMANDS } from './commands-rse';
import { CONVERT_COMMANDS } from './commands-convert';
import { withAccountSettings } from './commands-account';
import { openCore } from './open-core';

const COMMANDS = {
  account: withAccountSettings(accountCommand),
  sync: syncCommand,
  timeline: timelineCommand,
  threads: threadsCommand,
  mark: markCommand,
  send: sendCommand,
  unsubscribe: unsubscribeCommand,
  invite: inviteCommand,
  tasks: tasksCommand,
  search: searchCommand,
  serve: serveCommand,
  notify: notifyCommand,
  ...RSE_COMMANDS,
  ...CONVERT_COMMANDS,
} as const;

/** Commands whose core keeps every account in sync while they run. */
const LONG_RUNNING = new Set(['serve', 'sync']);

function splitGlobalOptions(argv: string[]): { profile?: string; rest: string[] } {
  let profile: string | undefined;
  let index = 0;
  for (; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === '--help' || arg === '-h') return { rest: ['help'] };
    if (arg.startsWith('--profile=')) profile = arg.slice('--profile='.length);
    else if (arg === '--profile') {
      profile = argv[++index];
      if (!profile) throw new UsageError('--profile takes a directory.');
    } else if (arg.startsWith('-'))
      throw new UsageError(`Unknown option ${arg} before the command.`);
    else break;
  }
  return { profile, rest: argv.slice(index) };
}

function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export async function main(argv: string[]): Promise<number> {
  let core: Core | undefined;
  try {
    const { profile, rest } = splitGlobalOptions(argv);
    const [name, ...args] = rest;
    if (!name || name === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return name ? 0 : 2;
    }
    const command = COMMANDS[name as keyof typeof COMMANDS];
    if (!command) throw new UsageError(`Unknown command "${name}".`);
    const continuous = LONG_RUNNING.has(name) && !args.includes('--once');
    const ctx: CommandContext = {
      core: async () =>
        (core ??= await openCore(
          resolveProfileDir(profile),
          name === 'serve' ? 'browser' : 'cli',
          continuous,
        )),
      out: (line) => process.stdout.write(`${line}\n`),
      untilStopped,
      rendererDir: builtRendererDir(),
    };
    await command(args, ctx);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`passerelle: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof CoreError || error instanceof RemoteError) {
      process.stderr.write(`passerelle: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(
      `passerelle: unexpected error: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    return 1;
  } finally {
    await core?.dispose();
  }
}

/** out/renderer, seen from the sources (electron/cli) or from the CLI bundle (out/cli/<signature>). */
function builtRendererDir(): string {
  const out = join(__dirname, '..', '..');
  return basename(out) === 'out' ? join(out, 'renderer') : join(out, 'out', 'renderer');
}
