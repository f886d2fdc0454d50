// Builds the core for a profile: the database, the secret store, one sync per account,
// and the handlers that implement the shared contract.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import type { EventName, Events, Handlers } from '../../shared/contract';
import type { Account, AccountStatus } from '../../shared/domain';
import type { Core, CoreOptions } from './core-types';
import { dispatch } from './dispatch';
import { CoreError } from './errors';
import {
  deleteAccount,
  findAccountByName,
  getAccount,
  insertAccount,
  listAccounts,
  secretKeyFor,
  type StoredAccount,
} from './db/accounts';
import { NewerDatabaseError, openDatabase } from './db/connection';
import { Writer } from './db/deltas';
import { createSqliteMailStore } from './db/mail-store-sqlite';
import { getThread, listThreads, timelinePage } from './db/timeline';
import { createImapEngine, testImapConnection } from './mail';
import { markThreadRead } from './mark-read';
import { ensureProfileDir } from './profile';
import { SyncManager, type EngineFactory } from './sync-manager';

export const DATABASE_FILE = 'passerelle.db';
const APP_VERSION = '0.1.0';

export interface CoreDependencies {
  engineFactory?: EngineFactory;
  testConnection?: typeof testImapConnection;
}

export async function createCore(options: CoreOptions, deps: CoreDependencies = {}): Promise<Core> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const profileDir = ensureProfileDir(options.profileDir);
  const db = openProfileDatabase(profileDir);
  const writer = new Writer(db);
  const mailStore = createSqliteMailStore(writer);
  const events = new EventEmitter();
  const emit = <E extends EventName>(event: E, payload: Events[E]) => events.emit(event, payload);
  writer.onDidCommit((deltas) => emit('db.changed', deltas));

  const sync = new SyncManager(deps.engineFactory ?? createImapEngine, (accountId, status) =>
    emit('account.status', { accountId, status }),
  );
  const testConnection = deps.testConnection ?? testImapConnection;

  const withStatus = (account: StoredAccount): Account => ({ ...account, status: sync.status(account.id) });

  async function engineFor(account: StoredAccount) {
    const existing = sync.existing(account.id);
    if (existing) return existing;
    const password = await options.secrets.get(secretKeyFor(account.id));
    if (password === undefined) {
      throw new CoreError('auth-failed', `No password is stored for ${account.name}; remove the account and add it again.`);
    }
    return sync.engine(account.id, { settings: account.imap, password, store: mailStore, log });
  }

  function requireAccount(id: string): StoredAccount {
    const account = getAccount(db, id);
    if (!account) throw new CoreError('not-found', `No account with id ${id}.`);
    return account;
  }

  const handlers = {
    'app.info': async () => ({ version: APP_VERSION, mode: options.mode, profileDir }),

    'accounts.list': async () => listAccounts(db).map(withStatus),

    'accounts.addImap': async ({ password, ...params }) => {
      if (findAccountByName(db, params.name)) {
        throw new CoreError('conflict', `An account named "${params.name}" already exists.`);
      }
      const settings = { host: params.host, port: params.port, tls: params.tls, user: params.user };
      const problem = await testConnection(settings, password);
      if (problem) throw new CoreError(problem.code, problem.message);
      const account: StoredAccount = {
        id: randomUUID(),
        name: params.name,
        kind: 'imap',
        imap: settings,
        createdAt: new Date().toISOString(),
      };
      // The secret first: an account row without its password would be unusable.
      await options.secrets.set(secretKeyFor(account.id), password);
      writer.write((deltas) => {
        insertAccount(db, account);
        deltas.add('accounts', 'insert', [account.id]);
      });
      if (options.backgroundSync !== false) (await engineFor(account)).start();
      return withStatus(account);
    },

    'accounts.remove': async ({ id }) => {
      const account = requireAccount(id);
      await sync.remove(account.id);
      writer.write((deltas) => {
        deleteAccount(db, account.id);
        deltas.add('accounts', 'delete', [account.id]);
      });
      await options.secrets.delete(secretKeyFor(account.id));
      return null;
    },

    'sync.now': async ({ accountId }) => {
      const accounts = accountId ? [requireAccount(accountId)] : listAccounts(db);
      const failures: string[] = [];
      for (const account of accounts) {
        try {
          await (await engineFor(account)).syncOnce();
        } catch (error) {
          failures.push(`${account.name}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      if (failures.length > 0) throw new CoreError('unavailable', `Sync failed for ${failures.join('; ')}`);
      return null;
    },

    'timeline.page': async (query) => timelinePage(db, query),

    'threads.list': async () => listThreads(db),

    'threads.get': async ({ threadId }) => getThread(db, threadId),

    'threads.markRead': async ({ threadId, read }) => {
      await markThreadRead(writer, threadId, read, async (accountId, mailbox, uid) => {
        const engine = await engineFor(requireAccount(accountId));
        await engine.setSeen(mailbox, uid, read);
      });
      return null;
    },
  } satisfies Handlers;

  if (options.backgroundSync !== false) {
    for (const account of listAccounts(db)) {
      engineFor(account)
        .then((engine) => engine.start())
        .catch((error: unknown) => log(`Could not start sync for ${account.name}: ${String(error)}`));
    }
  }

  let disposed: Promise<void> | null = null;
  return {
    handlers,
    dispatch: (name, params) => dispatch(handlers, name, params, log),
    on(event, listener) {
      events.on(event, listener as (payload: unknown) => void);
      return () => events.off(event, listener as (payload: unknown) => void);
    },
    dispose() {
      disposed ??= (async () => {
        await sync.dispose();
        events.removeAllListeners();
        db.close();
      })();
      return disposed;
    },
  };
}

function openProfileDatabase(profileDir: string) {
  try {
    return openDatabase(join(profileDir, DATABASE_FILE));
  } catch (error) {
    if (error instanceof NewerDatabaseError) throw new CoreError('newer-database', error.message);
    throw error;
  }
}

export type { AccountStatus };
