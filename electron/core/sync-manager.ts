// Owns one mail sync per account: starts them with the core, stops them on removal or
// dispose, and remembers each account's last status for accounts.list.
import type { AccountStatus, ImapSettings } from '../../shared/domain';
import type { ImapClientOptions } from './mail/imap-connection';
import type { MailStore } from './mail/mail-store';

/** What the core needs from an account's IMAP engine (electron/core/mail). */
export interface MailAccountEngine {
  /** Keeps the account in sync (initial sync, IDLE, reconnects) until disposed. */
  start(): void;
  /** One catch-up of the synced folders; resolves when done, rejects with the reason. */
  syncOnce(): Promise<void>;
  setSeen(mailbox: string, uid: number, seen: boolean): Promise<void>;
  dispose(): Promise<void>;
}

export interface EngineOptions {
  accountId: string;
  settings: ImapSettings;
  password: string;
  store: MailStore;
  onStatus: (status: AccountStatus) => void;
  log: (line: string) => void;
  /** Connection options, e.g. the OAuth2 token refresh of an XOAUTH2 account. */
  client?: ImapClientOptions;
}

export type EngineFactory = (options: EngineOptions) => MailAccountEngine;

export class SyncManager {
  private readonly engines = new Map<string, MailAccountEngine>();
  private readonly statuses = new Map<string, AccountStatus>();
  private disposed = false;

  constructor(
    private readonly createEngine: EngineFactory,
    private readonly onStatus: (accountId: string, status: AccountStatus) => void,
  ) {}

  status(accountId: string): AccountStatus {
    return this.statuses.get(accountId) ?? { kind: 'idle' };
  }

  engine(
    accountId: string,
    options: Omit<EngineOptions, 'accountId' | 'onStatus'>,
  ): MailAccountEngine {
    return this.adopt(accountId, (onStatus) =>
      this.createEngine({ ...options, accountId, onStatus }),
    );
  }

  /** An engine its owner builds (RSE pollers): status, removal and dispose cover it too. */
  adopt(
    accountId: string,
    create: (onStatus: (status: AccountStatus) => void) => MailAccountEngine,
  ): MailAccountEngine {
    if (this.disposed) throw new Error('The sync manager was disposed.');
    let engine = this.engines.get(accountId);
    if (!engine) {
      engine = create((status) => {
        this.statuses.set(accountId, status);
        this.onStatus(accountId, status);
      });
      this.engines.set(accountId, engine);
    }
    return engine;
  }

  existing(accountId: string): MailAccountEngine | undefined {
    return this.engines.get(accountId);
  }

  async remove(accountId: string): Promise<void> {
    const engine = this.engines.get(accountId);
    this.engines.delete(accountId);
    this.statuses.delete(accountId);
    await engine?.dispose();
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const engines = [...this.engines.values()];
    this.engines.clear();
    await Promise.allSettled(engines.map((engine) => engine.dispose()));
  }
}
