// CLI commands of the enterprise social network: adding an account, listing spaces,
// following and unfollowing them. Secrets come from an environment variable, never argv.
import type { RseNetwork, RseSpace } from '../../shared/domain';
import type { Core } from '../core/core-types';
import { CoreError } from '../core/errors';
import { FEED_NO_SECRET } from '../core/rse/feed/connector';
import { parseCommand, requireOption, UsageError } from './args';
import { describeAccount, type CommandContext } from './commands';

const json = (value: unknown) => JSON.stringify(value, null, 2);

async function findAccountId(core: Core, name: string): Promise<string> {
  const account = (await core.handlers['accounts.list']({})).find((a) => a.name === name);
  if (!account) throw new CoreError('not-found', `No account named "${name}".`);
  if (account.kind === 'imap') throw new CoreError('invalid-params', `${name} is a mail account.`);
  return account.id;
}

function secretFromEnv(values: Record<string, unknown>, option: string): string {
  const variable = requireOption(values, option);
  const secret = process.env[variable];
  if (!secret) throw new UsageError(`The environment variable ${variable} is empty or not set.`);
  return secret;
}

/** `account add <network> …`: WordPress takes an application password, the others a token. */
function addRseAccount(kind: RseNetwork) {
  const secretOption = kind === 'wordpress' ? 'password-env' : 'token-env';
  return async (argv: string[], ctx: CommandContext): Promise<void> => {
    const { values } = parseCommand(argv, {
      name: { type: 'string' },
      url: { type: 'string' },
      user: { type: 'string' },
      [secretOption]: { type: 'string' },
      json: { type: 'boolean' },
    });
    const url = requireOption(values, 'url');
    if (url.startsWith('http:')) {
      process.stderr.write('Warning: this account connects without encryption.\n');
    }
    const user = typeof values.user === 'string' ? values.user : undefined;
    if (kind === 'wordpress' && !user) throw new UsageError('--user is required.');
    const account = await (
      await ctx.core()
    ).handlers['accounts.addRse']({
      kind,
      name: requireOption(values, 'name'),
      url,
      ...(user ? { user } : {}),
      secret: secretFromEnv(values, secretOption),
    });
    ctx.out(values.json ? json(account) : `Added ${describeAccount(account)}`);
  };
}

/**
 * `account add feed --name N --url URL [--user U --password-env VAR | --token-env VAR]`:
 * no credentials, HTTP Basic or a bearer token. Every feed found at the URL (the feed
 * itself, or those a page advertises) is followed at once: adding a feed means reading it.
 */
async function addFeedAccount(argv: string[], ctx: CommandContext): Promise<void> {
  const { values } = parseCommand(argv, {
    name: { type: 'string' },
    url: { type: 'string' },
    user: { type: 'string' },
    'password-env': { type: 'string' },
    'token-env': { type: 'string' },
    json: { type: 'boolean' },
  });
  const user = typeof values.user === 'string' ? values.user : undefined;
  if (user && !values['password-env']) throw new UsageError('--user needs --password-env.');
  if (values['token-env'] && user) throw new UsageError('Give --user or --token-env, not both.');
  const secret = user
    ? secretFromEnv(values, 'password-env')
    : values['token-env']
      ? secretFromEnv(values, 'token-env')
      : FEED_NO_SECRET;
  const core = await ctx.core();
  const account = await core.handlers['accounts.addRse']({
    kind: 'feed',
    name: requireOption(values, 'name'),
    url: requireOption(values, 'url'),
    ...(user ? { user } : {}),
    secret,
  });
  for (const space of await core.handlers['rse.spaces']({ accountId: account.id, refresh: false }))
    await core.handlers['rse.follow']({ accountId: account.id, spaceId: space.remoteId });
  ctx.out(values.json ? json(account) : `Added ${describeAccount(account)}`);
}

export const RSE_ACCOUNT_KINDS = {
  wordpress: addRseAccount('wordpress'),
  mattermost: addRseAccount('mattermost'),
  zulip: addRseAccount('zulip'),
  discourse: addRseAccount('discourse'),
  mastodon: addRseAccount('mastodon'),
  feed: addFeedAccount,
};

function describeSpace(space: RseSpace): string {
  return `${space.followed ? '*' : ' '} ${space.remoteId}\t${space.name}`;
}

async function spacesCommand(argv: string[], ctx: CommandContext): Promise<void> {
  const { values } = parseCommand(argv, { account: { type: 'string' }, json: { type: 'boolean' } });
  const core = await ctx.core();
  const accountId = await findAccountId(core, requireOption(values, 'account'));
  const spaces = await core.handlers['rse.spaces']({ accountId, refresh: true });
  if (values.json) ctx.out(json(spaces));
  else if (spaces.length === 0) ctx.out('No spaces.');
  else for (const space of spaces) ctx.out(describeSpace(space));
}

function followCommand(followed: boolean) {
  return async (argv: string[], ctx: CommandContext): Promise<void> => {
    const { values, positionals } = parseCommand(argv, { json: { type: 'boolean' } });
    const ref = positionals[0] ?? '';
    // Account names come first and hold no colon; space names may.
    const colon = ref.indexOf(':');
    if (colon <= 0 || colon === ref.length - 1) {
      throw new UsageError(`${followed ? 'follow' : 'unfollow'} takes ACCOUNT:SPACE (id or name).`);
    }
    const core = await ctx.core();
    const accountId = await findAccountId(core, ref.slice(0, colon));
    // Spaces are listed from the network once, so a follow right after adding works.
    await core.handlers['rse.spaces']({ accountId, refresh: true });
    const spaceId = ref.slice(colon + 1);
    const space = await core.handlers[followed ? 'rse.follow' : 'rse.unfollow']({
      accountId,
      spaceId,
    });
    ctx.out(values.json ? json(space) : `${followed ? 'Following' : 'Unfollowed'} ${space.name}`);
  };
}

export const RSE_COMMANDS = {
  spaces: spacesCommand,
  follow: followCommand(true),
  unfollow: followCommand(false),
};
