// Account settings the user edits after adding an account: its display name, a mail
// account's identity (name in From, signature), and its password or token. A new secret is checked against the server before it replaces the old
// one (a typo must not break a working account), then the account's sync starts again
// with it, which also clears an auth-failed status.
import type { Handlers } from '../../../shared/contract';
import type { Account } from '../../../shared/domain';
import type { CoreContext } from '../core-context';
import {
  findAccountByName,
  renameAccount,
  secretKeyFor,
  setIdentity,
  type StoredAccount,
} from '../db/accounts';
import { isAccountPaused } from '../db/snoozes';
import { CoreError } from '../errors';
import { testConnection } from '../mail/test-connection';
import { toCoreError } from '../rse/errors';
import { connectorFactory } from '../rse/registry';
import { engineFor, requireAccount } from './foundation';
import { connectionProblemError, tokenSourceFor } from './imap-credentials';

/** Throws what the server said when it refuses this secret for the account. */
async function checkSecret(ctx: CoreContext, account: StoredAccount, secret: string) {
  if (account.kind === 'imap') {
    const oauth = tokenSourceFor(ctx, account.id, account.imap);
    const problem = await testConnection(account.imap, secret, oauth ? { oauth } : {});
    if (problem) throw connectionProblemError(problem);
    return;
  }
  try {
    await connectorFactory(account.kind)({ ...account.rse, secret }).identify();
  } catch (error) {
    throw toCoreError(error);
  }
}

export function accountSettingsHandlers(ctx: CoreContext) {
  const { db, writer } = ctx;
  const withStatus = (account: StoredAccount): Account =>
    ({ ...account, status: ctx.sync.status(account.id) }) as Account;

  return {
    'accounts.rename': async ({ id, name }) => {
      const account = requireAccount(ctx, id);
      const other = findAccountByName(db, name);
      if (other && other.id !== account.id) {
        throw new CoreError('conflict', `An account named "${name}" already exists.`);
      }
      writer.write((deltas) => {
        renameAccount(db, account.id, name);
        deltas.add('accounts', 'update', [account.id]);
      });
      return withStatus({ ...account, name });
    },

    'accounts.setIdentity': async ({ id, name, signature }) => {
      const account = requireAccount(ctx, id);
      if (account.kind !== 'imap') {
        throw new CoreError('invalid-params', `${account.name} is not a mail account.`);
      }
      // Line ends as the composer writes them; trailing blank lines would pad every message.
      const identity = { name, signature: signature.replace(/\r\n?/g, '\n').trimEnd() };
      writer.write((deltas) => {
        setIdentity(db, account.id, identity);
        deltas.add('accounts', 'update', [account.id]);
      });
      return withStatus({ ...account, identity });
    },

    'accounts.setPassword': async ({ id, password }) => {
      const account = requireAccount(ctx, id);
      await checkSecret(ctx, account, password);
      await ctx.secrets.set(secretKeyFor(account.id), password);
      // The running engine holds the old secret: a fresh one logs in with the new, and
      // dropping the old one drops its status (auth-failed) with it.
      await ctx.sync.remove(account.id);
      writer.write((deltas) => deltas.add('accounts', 'update', [account.id]));
      if (ctx.options.backgroundSync !== false && !isAccountPaused(db, account.id)) {
        (await engineFor(ctx, account)).start();
      }
      return withStatus(account);
    },
  } satisfies Partial<Handlers>;
}
