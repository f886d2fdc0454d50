// Handlers of the foundation's requests: the app, accounts, sync, timeline and threads.
import { randomUUID } from 'node:crypto';
import type { Handlers } from '../../../shared/contract';
import type { Account } from '../../../shared/domain';
import type { CoreContext } from '../core-context';
import {
  deleteAccount,
  findAccountByName,
  getAccount,
  insertAccount,
  listAccounts,
  secretKeyFor,
  type StoredAccount,
} from '../db/accounts';
import { getThread, listThreads, timelinePage } from '../db/timeline';
import { CoreError } from '../errors';
import { testImapConnection } from '../mail';
import type { MailAccountEngine } from '../sync-manager';
import { saveSmtpSettings } from '../mail/smtp-settings';
import { rseEngineFor } from '../rse/rse-engine';
import { connectionProblemError, imapSettingsFrom, tokenSourceFor } from './imap-credentials';

export const APP_VERSION = '0.1.0';

export interface FoundationDependencies {
  testConnection?: typeof testImapConnection;
}

export function requireAccount(ctx: CoreContext, id: string): StoredAccount {
  const account = getAccount(ctx.db, id);
  if (!account) throw new CoreError('not-found', `No account with id ${id}.`);
  return account;
}

/** The account's sync engine, created with its password from the secret store on first use. */
export async function engineFor(
  ctx: CoreContext,
  account: StoredAccount,
): Promise<MailAccountEngine> {
  if (account.kind !== 'imap') return rseEngineFor(ctx, account);
  const existing = ctx.sync.existing(account.id);
  if (existing) return existing;
  const password = await ctx.secrets.get(secretKeyFor(account.id));
  if (password === undefined) {
    throw new CoreError(
      'auth-failed',
      `No password is stored for ${account.name}; remove the account and add it again.`,
    );
  }
  const oauth = tokenSourceFor(ctx, account.id, account.imap);
  return ctx.sync.engine(account.id, {
    settings: account.imap,
    password,
    store: ctx.mailStore,
    log: (line) => ctx.log(line),
    ...(oauth ? { client: { oauth } } : {}),
  });
}

export function foundationHandlers(ctx: CoreContext, deps: FoundationDependencies = {}) {
  const { db, writer } = ctx;
  const testConnection = deps.testConnection ?? testImapConnection;
  const withStatus = (account: StoredAccount): Account =>
    ({ ...account, status: ctx.sync.status(account.id) }) as Account;

  return {
    'app.info': async () => ({
      version: APP_VERSION,
      mode: ctx.options.mode,
      profileDir: ctx.profileDir,
    }),

    'accounts.list': async () => listAccounts(db).map(withStatus),

    'accounts.addImap': async ({ password, ...params }) => {
      if (findAccountByName(db, params.name)) {
        throw new CoreError('conflict', `An account named "${params.name}" already exists.`);
      }
      const settings = imapSettingsFrom(params);
      const oauth = tokenSourceFor(ctx, undefined, settings);
      const problem = await testConnection(settings, password, oauth ? { oauth } : {});
      if (problem) throw connectionProblemError(problem);
      // A token refreshed during the test is the one to keep.
      password = oauth?.current() ?? password;
      const account: StoredAccount = {
        id: randomUUID(),
        name: params.name,
        kind: 'imap',
        imap: settings,
        createdAt: new Date().toISOString(),
      };
      // The secret first: an account row without its password would be unusable.
      await ctx.secrets.set(secretKeyFor(account.id), password);
      writer.write((deltas) => {
        insertAccount(db, account);
        if (params.smtp) saveSmtpSettings(db, account.id, params.smtp);
        deltas.add('accounts', 'insert', [account.id]);
      });
      if (ctx.options.backgroundSync !== false) (await engineFor(ctx, account)).start();
      return withStatus(account);
    },

    'accounts.remove': async ({ id }) => {
      const account = requireAccount(ctx, id);
      await ctx.sync.remove(account.id);
      writer.write((deltas) => {
        deleteAccount(db, account.id);
        deltas.add('accounts', 'delete', [account.id]);
      });
      await ctx.secrets.delete(secretKeyFor(account.id));
      return null;
    },

    'sync.now': async ({ accountId }) => {
      const accounts = accountId ? [requireAccount(ctx, accountId)] : listAccounts(db);
      const failures: string[] = [];
      for (const account of accounts) {
        try {
          await (await engineFor(ctx, account)).syncOnce();
        } catch (error) {
          failures.push(
            `${account.name}: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      }
      if (failures.length > 0) {
        throw new CoreError('unavailable', `Sync failed for ${failures.join('; ')}`);
      }
      return null;
    },

    'timeline.page': async (query) => timelinePage(db, query),

    'threads.list': async () => listThreads(db),

    'threads.get': async ({ threadId }) => getThread(db, threadId),
  } satisfies Partial<Handlers>;
}
