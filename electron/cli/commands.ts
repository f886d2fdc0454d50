// One function per CLI command. Each goes through core.handlers, the same contract the
// UI uses, and writes results to stdout (JSON with --json); diagnostics go to stderr.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Account, TimelineItem } from '../../shared/domain';
import type { Core } from '../core/core-types';
import { CoreError } from '../core/errors';
import { refuseHost, startBrowserServer } from '../server/server';
import { integerOption, parseCommand, requireOption, UsageError } from './args';
import { SMTP_OPTIONS, smtpFromOptions } from './commands-mail';
import { printNotifications } from './commands-notify';
import { RSE_ACCOUNT_KINDS } from './commands-rse';

export interface CommandContext {
  core: () => Promise<Core>;
  out: (line: string) => void;
  /** Resolves on SIGINT/SIGTERM. */
  untilStopped: () => Promise<void>;
  rendererDir: string;
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

export function describeAccount(a: Account): string {
  if (a.kind !== 'imap')
    return `${a.name}\t${a.kind} ${a.rse.user ? `${a.rse.user}@` : ''}${a.rse.url}\t${a.status.kind}`;
  return `${a.name}\t${a.imap.user}@${a.imap.host}:${a.imap.port} (${a.imap.tls})\t${a.status.kind}`;
}

function describeItem(item: TimelineItem): string {
  const from = item.from ? item.from.name || item.from.address : '(unknown sender)';
  const count = item.messageCount > 1 ? ` (${item.messageCount})` : '';
  return `${item.unread ? '*' : ' '} ${item.date}  ${from}  ${item.subject}${count}`;
}

async function findAccount(core: Core, name: string): Promise<Account> {
  const account = (await core.handlers['accounts.list']({})).find((a) => a.name === name);
  if (!account) throw new CoreError('not-found', `No account named "${name}".`);
  return account;
}

/** Adds the way out to a certificate refusal: the command that trusts that certificate. */
function withTrustHint(error: unknown, command: string): unknown {
  if (!(error instanceof CoreError) || error.code !== 'certificate-untrusted') return error;
  const fingerprint = error.details?.fingerprint ?? 'FINGERPRINT';
  return new CoreError(
    error.code,
    `${error.message}\n[${error.code}] If you have confirmed it, run: ${command.replace('FINGERPRINT', fingerprint)}`,
    error.details,
  );
}

async function addImapAccount(rest: string[], ctx: CommandContext): Promise<void> {
  const { values } = parseCommand(rest, {
    name: { type: 'string' },
    host: { type: 'string' },
    port: { type: 'string' },
    tls: { type: 'string' },
    user: { type: 'string' },
    'password-env': { type: 'string' },
    auth: { type: 'string' },
    'token-env': { type: 'string' },
    'oauth-token-command': { type: 'string' },
    'trust-cert': { type: 'string' },
    'ca-file': { type: 'string' },
    json: { type: 'boolean' },
    ...SMTP_OPTIONS,
  });
  const auth = values.auth ?? 'password';
  if (auth !== 'password' && auth !== 'xoauth2') {
    throw new UsageError('--auth takes password or xoauth2.');
  }
  // An OAuth2 access token is a secret like a password: read from the environment only.
  const variable = requireOption(values, auth === 'xoauth2' ? 'token-env' : 'password-env');
  const password = process.env[variable];
  if (!password) throw new UsageError(`The environment variable ${variable} is empty or not set.`);
  const tls = requireOption(values, 'tls');
  if (tls !== 'none' && tls !== 'starttls' && tls !== 'tls') {
    throw new UsageError('--tls takes none, starttls or tls.');
  }
  if (tls === 'none') process.stderr.write('Warning: this account connects without encryption.\n');
  const name = requireOption(values, 'name');
  const trustedCaPem = values['ca-file'] ? readFileSync(values['ca-file'], 'utf8') : undefined;
  const account = await (
    await ctx.core()
  ).handlers['accounts.addImap']({
    name,
    host: requireOption(values, 'host'),
    port: integerOption(values, 'port'),
    tls,
    user: requireOption(values, 'user'),
    password,
    smtp: smtpFromOptions(values),
    ...(auth === 'xoauth2' ? { auth } : {}),
    ...(values['oauth-token-command'] ? { oauthTokenCommand: values['oauth-token-command'] } : {}),
    ...(values['trust-cert'] ? { trustedCertSha256: values['trust-cert'] } : {}),
    ...(trustedCaPem ? { trustedCaPem } : {}),
  }).catch((error: unknown) => {
    throw withTrustHint(error, 'passerelle account add imap … --trust-cert FINGERPRINT');
  });
  ctx.out(values.json ? json(account) : `Added ${describeAccount(account)}`);
}

/** `account trust-cert NAME FINGERPRINT`: the user's explicit exception for one certificate. */
async function trustCertificate(rest: string[], ctx: CommandContext): Promise<void> {
  const { positionals, values } = parseCommand(rest, { json: { type: 'boolean' } });
  const [name, fingerprint] = positionals;
  if (!name || !fingerprint) {
    throw new UsageError('account trust-cert takes the account name and the SHA-256 fingerprint.');
  }
  const core = await ctx.core();
  const account = await core.handlers['accounts.trustCertificate']({
    accountId: (await findAccount(core, name)).id,
    fingerprint,
  });
  ctx.out(
    values.json
      ? json(account)
      : `${name} now accepts the certificate ${account.kind === 'imap' ? account.imap.trustedCertSha256 : ''}`,
  );
}

/** `account add KIND …`: each kind of account registers how it is added. */
export const ACCOUNT_KINDS: Record<string, (argv: string[], ctx: CommandContext) => Promise<void>> =
  {
    imap: addImapAccount,
    ...RSE_ACCOUNT_KINDS,
  };

export async function accountCommand(argv: string[], ctx: CommandContext): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub === 'add') {
    const [kind, ...options] = rest;
    const add = kind ? ACCOUNT_KINDS[kind] : undefined;
    if (!add)
      throw new UsageError(`account add takes one of: ${Object.keys(ACCOUNT_KINDS).join(', ')}.`);
    await add(options, ctx);
  } else if (sub === 'list') {
    const { values } = parseCommand(rest, { json: { type: 'boolean' } });
    const accounts = await (await ctx.core()).handlers['accounts.list']({});
    if (values.json) ctx.out(json(accounts));
    else if (accounts.length === 0)
      ctx.out('No accounts. Add one with: passerelle account add imap …');
    else for (const account of accounts) ctx.out(describeAccount(account));
  } else if (sub === 'trust-cert') {
    await trustCertificate(rest, ctx);
  } else if (sub === 'remove') {
    const { positionals } = parseCommand(rest, {});
    const name = positionals[0];
    if (!name) throw new UsageError('account remove takes the account name.');
    const core = await ctx.core();
    await core.handlers['accounts.remove']({ id: (await findAccount(core, name)).id });
    ctx.out(`Removed ${name}`);
  } else {
    throw new UsageError('account takes add, list, remove or trust-cert.');
  }
}

export async function syncCommand(argv: string[], ctx: CommandContext): Promise<void> {
  const { values } = parseCommand(argv, {
    once: { type: 'boolean' },
    account: { type: 'string' },
    notify: { type: 'boolean' },
  });
  const core = await ctx.core();
  if (values.notify) printNotifications(core, ctx.out);
  const accountId = values.account ? (await findAccount(core, values.account)).id : undefined;
  if (values.once) {
    await core.handlers['sync.now']({ accountId });
    return;
  }
  // Continuous: the core started every account's sync loop when it opened.
  core.on('account.status', ({ accountId: id, status }) =>
    process.stderr.write(`${id}: ${status.kind}${status.message ? ` (${status.message})` : ''}\n`),
  );
  await ctx.untilStopped();
}

export async function timelineCommand(argv: string[], ctx: CommandContext): Promise<void> {
  const { values } = parseCommand(argv, {
    json: { type: 'boolean' },
    limit: { type: 'string' },
    unread: { type: 'boolean' },
  });
  const page = await (
    await ctx.core()
  ).handlers['timeline.page']({
    limit: integerOption(values, 'limit', 50),
    unreadOnly: values.unread ?? false,
  });
  if (values.json) ctx.out(json(page.items));
  else if (page.items.length === 0) ctx.out('The timeline is empty.');
  else for (const item of page.items) ctx.out(describeItem(item));
}

export async function threadsCommand(argv: string[], ctx: CommandContext): Promise<void> {
  const { values } = parseCommand(argv, { json: { type: 'boolean' } });
  const threads = await (await ctx.core()).handlers['threads.list']({});
  if (values.json) {
    ctx.out(json(threads));
    return;
  }
  for (const thread of threads) {
    ctx.out(`${thread.id}\t${thread.subject}`);
    for (const m of thread.messages)
      ctx.out(`\t${m.messageId ?? '(no Message-ID)'}\t${m.mailbox}\t${m.uid}`);
  }
}

export async function serveCommand(argv: string[], ctx: CommandContext): Promise<void> {
  const { values } = parseCommand(argv, { host: { type: 'string' }, port: { type: 'string' } });
  const host = values.host ?? '127.0.0.1';
  // Refused before the profile is opened or any account starts syncing.
  const refusal = refuseHost(host);
  if (refusal) throw new CoreError('invalid-params', refusal);
  if (!existsSync(join(ctx.rendererDir, 'index.html'))) {
    throw new UsageError(
      `The UI is not built (${ctx.rendererDir} is missing): run "npm run build" first.`,
    );
  }
  const server = await startBrowserServer({
    core: await ctx.core(),
    rendererDir: ctx.rendererDir,
    host,
    port: integerOption(values, 'port', 0),
  });
  ctx.out(`Passerelle browser mode: ${server.url}`);
  await ctx.untilStopped();
  await server.close();
}
