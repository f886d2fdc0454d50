// `passerelle notify …` (settings, do-not-disturb, muted threads, the unread count) and the
// JSON-lines printer behind `sync --notify`, so the policy can be driven end to end.
import type { NotifySettings } from '../../shared/requests/notify';
import type { Core } from '../core/core-types';
import { CoreError } from '../core/errors';
import { integerOption, parseCommand, UsageError } from './args';
import type { CommandContext } from './commands';

/** Prints every notification the core would show as one JSON line on stdout. */
export function printNotifications(core: Core, out: (line: string) => void): () => void {
  return core.on('notify.show', ({ title, body, itemIds, accountId, actions }) =>
    out(JSON.stringify({ title, body, itemIds, accountId, actions })),
  );
}

const MODES = new Set(['all', 'mentions', 'none']);

function describeSettings(settings: NotifySettings): string {
  return JSON.stringify(settings, null, 2);
}

export async function notifyCommand(argv: string[], ctx: CommandContext): Promise<void> {
  const [sub, ...rest] = argv;
  const core = await ctx.core();
  const handlers = core.handlers;
  if (sub === 'settings') {
    ctx.out(describeSettings(await handlers['notify.getSettings']({})));
  } else if (sub === 'dnd') {
    const { values } = parseCommand(rest, {
      on: { type: 'boolean' },
      off: { type: 'boolean' },
      minutes: { type: 'string' },
      tomorrow: { type: 'boolean' },
    });
    const params = values.off
      ? ({ action: 'off' } as const)
      : values.minutes !== undefined
        ? ({ action: 'for', minutes: integerOption(values, 'minutes') } as const)
        : values.tomorrow
          ? ({ action: 'tomorrow' } as const)
          : values.on
            ? ({ action: 'on' } as const)
            : undefined;
    if (!params) throw new UsageError('notify dnd takes --on, --off, --minutes N or --tomorrow.');
    const { dnd } = await handlers['notify.dnd'](params);
    ctx.out(
      dnd.active ? `Do not disturb${dnd.until ? ` until ${dnd.until}` : ''}` : 'Notifications on',
    );
  } else if (sub === 'mute' || sub === 'unmute') {
    const { positionals } = parseCommand(rest, {});
    const threadId = positionals[0];
    if (!threadId) throw new UsageError(`notify ${sub} takes a thread id (see: threads --json).`);
    await handlers['notify.muteThread']({ threadId, muted: sub === 'mute' });
    ctx.out(`${sub === 'mute' ? 'Muted' : 'Unmuted'} thread ${threadId}`);
  } else if (sub === 'source') {
    const { positionals } = parseCommand(rest, {});
    const [name, mode] = positionals;
    if (!name || !mode || !MODES.has(mode)) {
      throw new UsageError('notify source takes an account name and all, mentions or none.');
    }
    const account = (await handlers['accounts.list']({})).find((a) => a.name === name);
    if (!account) throw new CoreError('not-found', `No account named "${name}".`);
    await handlers['notify.setSettings']({
      sources: { [account.id]: mode as 'all' | 'mentions' | 'none' },
    });
    ctx.out(`${name}: ${mode}`);
  } else if (sub === 'unread') {
    const { count, mode } = await handlers['notify.unreadCount']({});
    ctx.out(`${count}\t${mode}`);
  } else {
    throw new UsageError('notify takes settings, dnd, mute, unmute, source or unread.');
  }
}
