// One account's live sync: a session that syncs, then IDLEs on the inbox and re-syncs on
// server notifications; on close or error a fresh ImapFlow after an exponential backoff with
// jitter. Everything it holds (client, timers, listeners) goes away with dispose().
import type { ImapFlow } from 'imapflow';
import type { AccountStatus, ImapSettings } from '../../../shared/domain';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
import { createImapClient, type ImapClientOptions } from './imap-connection';
import { classifyImapError, type ClassifiedImapError, type ImapErrorKind } from './imap-errors';
import type { MailStore } from './mail-store';
import { syncMailboxOnce, type SyncMailboxOptions } from './mailbox-sync';
import { setSeenOnClient } from './set-seen';

export const INBOX = 'INBOX';

export interface AccountSyncOptions {
  accountId: string;
  settings: ImapSettings;
  password: string;
  store: MailStore;
  onStatus?: (status: AccountStatus) => void;
  log?: (line: string) => void;
  /** Folders to sync; INBOX is always synced last so it stays selected for IDLE. Default ['INBOX']. */
  mailboxes?: string[];
  /** Wait this long after a server notification before re-syncing, to coalesce bursts. */
  debounceMs?: number;
  backoff?: BackoffOptions;
  sync?: SyncMailboxOptions;
  client?: ImapClientOptions;
}

/** A failure with the classification the UI and CLI show. */
export class ImapSyncError extends Error {
  constructor(
    readonly code: ImapErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'ImapSyncError';
  }
}

export class AccountSync {
  private disposed = false;
  private loop: Promise<void> | null = null;
  /** The connected, initially-synced session, if any. */
  private live: ImapFlow | null = null;
  private chain: Promise<void> = Promise.resolve();
  private debounceTimer: NodeJS.Timeout | null = null;
  private sleepTimer: NodeJS.Timeout | null = null;
  private wake: (() => void) | null = null;
  private current: AccountStatus = { kind: 'idle' };
  private lastSyncAt: string | undefined;

  constructor(private readonly opts: AccountSyncOptions) {}

  get status(): AccountStatus {
    return this.current;
  }

  /** Starts the keep-in-sync loop; idempotent. */
  start(): void {
    if (this.disposed || this.loop) return;
    this.loop = this.run().catch((err: unknown) => this.log(`sync loop stopped: ${String(err)}`));
  }

  /** One catch-up of the synced folders: on the live session when there is one, else a short-lived one. */
  async syncOnce(): Promise<void> {
    this.assertUsable();
    const live = this.live;
    if (live) return await this.enqueue(() => this.pass(live));
    await this.withShortLivedClient(async (client) => {
      this.setStatus({ kind: 'syncing' });
      await this.pass(client);
    }, true);
  }

  /** Sets or clears \Seen on the server. Rejects (for the outbox to retry) when the server cannot be reached. */
  async setSeen(path: string, uid: number, seen: boolean): Promise<void> {
    this.assertUsable();
    const live = this.live;
    if (live) {
      return await this.enqueue(async () => {
        await setSeenOnClient(live, path, uid, seen);
        await this.reselectInbox(live);
      });
    }
    await this.withShortLivedClient((client) => setSeenOnClient(client, path, uid, seen), false);
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    if (this.debounceTimer) clearTimeout(this.debounceTimer);
    if (this.sleepTimer) clearTimeout(this.sleepTimer);
    this.wake?.();
    const live = this.live;
    if (live) {
      // Let a running pass notice cancellation between batches, but never wait long.
      await withTimeout(this.chain, 3_000);
      await withTimeout(live.logout(), 2_000).catch(() => undefined);
      live.close();
    }
    await this.loop;
  }

  private get mailboxes(): string[] {
    const list = (this.opts.mailboxes ?? [INBOX]).filter((m) => m.toUpperCase() !== INBOX);
    return [...list, INBOX];
  }

  private log(line: string): void {
    this.opts.log?.(`[mail ${this.opts.accountId}] ${line}`);
  }

  private setStatus(status: AccountStatus): void {
    const next =
      this.lastSyncAt && !status.lastSyncAt ? { ...status, lastSyncAt: this.lastSyncAt } : status;
    if (
      next.kind === this.current.kind &&
      next.message === this.current.message &&
      next.lastSyncAt === this.current.lastSyncAt
    )
      return;
    this.current = next;
    if (!this.disposed) this.opts.onStatus?.(next);
  }

  private assertUsable(): void {
    if (this.disposed) throw new ImapSyncError('internal', 'This account sync was stopped.');
  }

  private newClient(overrides: ImapClientOptions = {}): ImapFlow {
    return createImapClient(this.opts.settings, this.opts.password, {
      ...(this.opts.log ? { log: (l: string) => this.log(l) } : {}),
      ...this.opts.client,
      ...overrides,
    });
  }

  private enqueue<T>(job: () => Promise<T>): Promise<T> {
    const result = this.chain.then(job);
    this.chain = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  private async pass(client: ImapFlow): Promise<void> {
    for (const path of this.mailboxes) {
      if (this.disposed) return;
      await syncMailboxOnce(client, this.opts.store, this.opts.accountId, path, {
        ...this.opts.sync,
        isCancelled: () => this.disposed,
      });
    }
    this.lastSyncAt = new Date().toISOString();
  }

  private async reselectInbox(client: ImapFlow): Promise<void> {
    const open = client.mailbox;
    if (!open || open.path.toUpperCase() !== INBOX) {
      const lock = await client.getMailboxLock(INBOX);
      lock.release();
    }
  }

  private async withShortLivedClient(
    job: (client: ImapFlow) => Promise<void>,
    reportStatus: boolean,
  ): Promise<void> {
    const client = this.newClient({ disableAutoIdle: true });
    client.on('error', () => undefined); // commands reject with the same error
    try {
      await client.connect();
      await job(client);
      await client.logout();
      if (reportStatus)
        this.setStatus({
          kind: this.loop ? 'offline' : 'idle',
          ...(this.loop ? { message: 'Reconnecting…' } : {}),
        });
    } catch (error) {
      client.close();
      const problem = classifyImapError(error, this.opts.settings);
      if (reportStatus) this.reportProblem(problem);
      throw new ImapSyncError(problem.code, problem.message);
    }
  }

  private reportProblem(problem: ClassifiedImapError): void {
    this.setStatus(
      problem.code === 'auth-failed'
        ? { kind: 'auth-failed', message: problem.message }
        : { kind: 'offline', message: problem.message },
    );
  }

  /** Re-sync shortly after the server told us something changed. */
  private schedule(client: ImapFlow): void {
    if (this.disposed || this.live !== client) return;
    if (this.debounceTimer) clearTimeout(this.debounceTimer);
    this.debounceTimer = setTimeout(() => {
      this.debounceTimer = null;
      if (this.live !== client) return;
      this.enqueue(() => this.pass(client)).then(
        () => this.setStatus({ kind: 'online' }),
        (err: unknown) => {
          // A failed pass leaves the session in an unknown state: start over on a fresh one.
          this.log(
            `incremental sync failed: ${classifyImapError(err, this.opts.settings).message}`,
          );
          client.close();
        },
      );
    }, this.opts.debounceMs ?? 150);
  }

  private async run(): Promise<void> {
    let attempt = 0;
    while (!this.disposed) {
      const client = this.newClient();
      let lastError: unknown = null;
      let onClose: () => void = () => undefined;
      const closed = new Promise<void>((resolve) => (onClose = resolve));
      const onChange = () => this.schedule(client);
      client.on('close', onClose);
      client.on('error', (err: Error) => (lastError = err));
      client.on('exists', onChange);
      client.on('flags', onChange);
      client.on('expunge', onChange);
      let problem: ClassifiedImapError;
      try {
        this.setStatus({ kind: 'syncing' });
        await client.connect();
        if (this.disposed) break;
        this.live = client;
        await this.enqueue(() => this.pass(client));
        attempt = 0;
        this.setStatus({ kind: 'online' });
        await closed;
        if (this.disposed) break;
        problem = lastError
          ? classifyImapError(lastError, this.opts.settings)
          : { code: 'unavailable', message: 'The server closed the connection; reconnecting.' };
      } catch (error) {
        if (this.disposed) break;
        problem = classifyImapError(error, this.opts.settings);
      } finally {
        if (this.live === client) this.live = null;
        client.off('exists', onChange);
        client.off('flags', onChange);
        client.off('expunge', onChange);
        if (!client.isClosed) client.close();
      }
      this.reportProblem(problem);
      // A rejected password will not fix itself quickly: start such retries at about a minute.
      const delay = backoffDelay(
        problem.code === 'auth-failed' ? Math.max(attempt, 6) : attempt,
        this.opts.backoff ?? DEFAULT_BACKOFF,
      );
      attempt++;
      this.log(`${problem.message} Retrying in ${Math.round(delay / 1000)} s.`);
      await this.sleep(delay);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wake = () => {
        if (this.sleepTimer) clearTimeout(this.sleepTimer);
        this.sleepTimer = null;
        this.wake = null;
        resolve();
      };
      this.sleepTimer = setTimeout(() => this.wake?.(), ms);
    });
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.catch(() => undefined),
    new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms))),
  ]).finally(() => clearTimeout(timer));
}
