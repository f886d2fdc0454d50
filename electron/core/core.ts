// Builds the core for a profile: the database, the secret store, one sync per account,
// and the handlers that implement the shared contract. Each area of the product adds
// its handlers as a group in handlers/ and merges them below.
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import type { EventName, Events, Handlers } from '../../shared/contract';
import type { CoreContext } from './core-context';
import type { Core, CoreOptions } from './core-types';
import { listAccounts } from './db/accounts';
import { NewerDatabaseError, openDatabase } from './db/connection';
import { Writer } from './db/deltas';
import { createSqliteMailStore } from './db/mail-store-sqlite';
import { createStoreOffload } from './db/store-offload';
import { dispatch } from './dispatch';
import { CoreError } from './errors';
import { engineFor, foundationHandlers, type FoundationDependencies } from './handlers/foundation';
import { accountSecurityHandlers } from './handlers/account-security';
import { accountSettingsHandlers } from './handlers/account-settings';
import { folderHandlers } from './handlers/folders';
import { attachmentHandlers } from './handlers/attachments';
import { composeHandlers } from './handlers/compose';
import { mailActionHandlers } from './handlers/mail-actions';
import { convertHandlers } from './handlers/convert';
import { notifyHandlers } from './handlers/notify';
import { rseHandlers } from './handlers/rse';
import { rseUserHandlers } from './handlers/rse-users';
import { searchHandlers } from './handlers/search';
import { isAccountPaused, triageHandlers } from './handlers/triage';
import { unsubscribeHandlers } from './handlers/unsubscribe';
import { createImapEngine } from './mail';
import { ensureProfileDir } from './profile';
import { SyncManager, type EngineFactory } from './sync-manager';

export const DATABASE_FILE = 'passerelle.db';

export interface CoreDependencies extends FoundationDependencies {
  engineFactory?: EngineFactory;
}

export async function createCore(options: CoreOptions, deps: CoreDependencies = {}): Promise<Core> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const profileDir = ensureProfileDir(options.profileDir);
  const db = openProfileDatabase(profileDir);
  const storeOffload = options.storeWorker
    ? createStoreOffload(options.storeWorker, join(profileDir, DATABASE_FILE), log)
    : undefined;
  const writer = new Writer(db, storeOffload?.writeGate);
  const events = new EventEmitter();
  const emit = <E extends EventName>(event: E, payload: Events[E]) =>
    void events.emit(event, payload);
  writer.onDidCommit((deltas) => emit('db.changed', deltas));
  const disposables: (() => void | Promise<void>)[] = [];

  const ctx: CoreContext = {
    options,
    profileDir,
    db,
    writer,
    mailStore: createSqliteMailStore(writer, storeOffload),
    secrets: options.secrets,
    sync: new SyncManager(deps.engineFactory ?? createImapEngine, (accountId, status) =>
      emit('account.status', { accountId, status }),
    ),
    emit,
    log,
    onDispose: (dispose) => void disposables.push(dispose),
  };

  const handlers = {
    ...foundationHandlers(ctx, deps),
    ...accountSecurityHandlers(ctx),
    ...accountSettingsHandlers(ctx),
    ...folderHandlers(ctx),
    ...mailActionHandlers(ctx),
    ...convertHandlers(ctx),
    ...composeHandlers(ctx),
    ...rseHandlers(ctx),
    ...rseUserHandlers(ctx),
    ...searchHandlers(ctx),
    ...attachmentHandlers(ctx, (): Handlers => handlers),
    ...notifyHandlers(ctx, events),
    ...triageHandlers(ctx, (): Handlers => handlers),
    ...unsubscribeHandlers(ctx, (): Handlers => handlers),
  } satisfies Handlers;

  if (options.backgroundSync !== false) {
    for (const account of listAccounts(db).filter((a) => !isAccountPaused(db, a.id))) {
      engineFor(ctx, account)
        .then((engine) => engine.start())
        .catch((error: unknown) =>
          log(`Could not start sync for ${account.name}: ${String(error)}`),
        );
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
        await ctx.sync.dispose();
        for (const dispose of disposables.reverse()) await dispose();
        // After the syncs: none of them can be waiting on the worker any more.
        await storeOffload?.close();
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
