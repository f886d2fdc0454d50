// What every group of request handlers shares: the database and its single writer, the
// secret store, the account syncs and the event emitter. Built once by createCore.
import type { EventName, Events } from '../../shared/contract';
import type { CoreOptions } from './core-types';
import type { Db } from './db/connection';
import type { Writer } from './db/deltas';
import type { MailStore } from './mail/mail-store';
import type { SecretStore } from './secrets/secret-store';
import type { SyncManager } from './sync-manager';

export interface CoreContext {
  readonly options: CoreOptions;
  readonly profileDir: string;
  readonly db: Db;
  readonly writer: Writer;
  readonly mailStore: MailStore;
  readonly secrets: SecretStore;
  readonly sync: SyncManager;
  emit<E extends EventName>(event: E, payload: Events[E]): void;
  log(line: string): void;
  /** Disposables owned by the core, run in reverse order on dispose. */
  onDispose(dispose: () => void | Promise<void>): void;
}
