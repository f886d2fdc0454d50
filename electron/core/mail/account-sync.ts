// One account's live sync: a session that syncs, then IDLEs on the inbox and re-syncs on
// server notifications; on close or error a fresh ImapFlow after an exponential backoff with
// jitter. Everything it holds (client, timers, listeners) goes away with dispose().
import type { ImapFlow } from 'imapflow';
import { coreText } from '../../../shared/core-text';
import type { AccountStatus, ImapSettings } from '../../../shared/domain';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
import { createImapClient, type ImapClientOptions } from './imap-connection';
import {
  classifyImapError,
  withText,
  type ClassifiedImapError,
  type ImapErrorKind,
} from './imap-errors';
import { returnToInbox, runPass, type PassScope } from './account-pass';
import type { MailStore } from './mail-store';
import type { SyncMailboxOptions } from './mailbox-sync';
import { setSeenOnClient } from './set-seen';

export { INBOX } from './folders';

export interface AccountSyncOptions {
  accountId: string;
  settings: ImapSettings;
  password: string;
  store: MailStore;
  onStatus?: (status: AccountStatus) => void;
  log?: (line: string) => void;
  /**
   * Folders to sync instead of the account's folder settings (LIST + special-use roles,
   * default all but Junk and Trash). The inbox is always synced and left selected for IDLE.
   */
  mailboxes?: string[];
  /** Polling interval of the folders IDLE does not watch; default: the account's setting (60 s). */
  pollIntervalMs?: number;
  /** How often a NOOP checks that a quiet session is still alive (half-open TCP). */
  watchdogMs?: number;
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
  /** Set while sync is paused after a rejected password; resolved when the user acts. */
  private resume: (() => void) | null = null;
  private sessionTimers: NodeJS.Timeout[] = [];
  /** Why a session was closed by us (failed()), so the reconnect reports that, not the close. */
  private readonly closedFor = new WeakMap<ImapFlow, unknown>();
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
    if (live) return await this.enqueue(() => this.pass(live, 'all', true));
    await this.withShortLivedClient(async (client) => {
      this.setStatus({ kind: 'syncing' });
      await this.pass(client, 'all', true);
    }, true);
    // A sync the user asked for that logged in is the cue to leave the auth-failed pause.
    this.resume?.();
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
    this.clearSessionTimers();
    this.wake?.();
    this.resume?.();
    const live = this.live;
    if (live) {
      // Let a running pass notice cancellation between batches, but never wait long.
      await withTimeout(this.chain, 3_000);
      await withTimeout(live.logout(), 2_000).catch(() => undefined);
      live.close();
    }
    await this.loop;
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

  private async pass(client: ImapFlow, scope: PassScope, allBodies = false): Promise<void> {
    const { moreBodies, inboxMovedOn } = await runPass(client, {
      accountId: this.opts.accountId,
      store: this.opts.store,
      scope,
      allBodies,
      ...(this.opts.mailboxes ? { explicit: this.opts.mailboxes } : {}),
      ...(this.opts.sync ? { sync: this.opts.sync } : {}),
      isCancelled: () => this.disposed,
      log: (l) => this.log(l),
    });
    if (scope !== 'bodies') this.lastSyncAt = new Date().toISOString();
    if (inboxMovedOn) this.schedule(client);
    // Bodies continue in the background, one bounded slice per turn of the queue, so a
    // push or a user action never waits behind thousands of downloads.
    if (moreBodies && !allBodies && this.live === client) {
      setImmediate(() => {
        if (this.live === client)
          this.enqueue(() => this.pass(client, 'bodies')).catch(() => undefined);
      });
    }
  }

  /** Polling of the other folders, and a NOOP watchdog that catches a silently dead session. */
  private startSessionTimers(client: ImapFlow): void {
    const pollMs =
      this.opts.pollIntervalMs ??
      (this.opts.store.folders?.getSyncSettings(this.opts.accountId).pollIntervalS ?? 60) * 1000;
    // Without IDLE (RFC 2177) the inbox is polled too; imapflow also NOOP-polls it then.
    const scope: PassScope = client.capabilities.has('IDLE') ? 'others' : 'all';
    const poll = setInterval(() => {
      if (this.live !== client) return;
      this.enqueue(() => this.pass(client, scope)).catch((err: unknown) =>
        this.failed(client, err),
      );
    }, pollMs);
    const watchdog = setInterval(() => {
      if (this.live !== client) return;
      this.enqueue(async () => {
        const answered = await withTimeout(
          client.noop().then(() => true),
          15_000,
        );
        if (!answered) throw new Error('The server stopped answering (NOOP timed out).');
      }).catch((err: unknown) => this.failed(client, err));
    }, this.opts.watchdogMs ?? 120_000);
    this.sessionTimers.push(poll, watchdog);
  }

  private clearSessionTimers(): void {
    for (const timer of this.sessionTimers) clearInterval(timer);
    this.sessionTimers = [];
  }

  /** A failed pass leaves the session in an unknown state: start over on a fresh one. */
  private failed(client: ImapFlow, err: unknown): void {
    this.log(`incremental sync failed: ${classifyImapError(err, this.opts.settings).message}`);
    this.closedFor.set(client, err);
    client.close();
  }

  private async reselectInbox(client: ImapFlow): Promise<void> {
    if (await returnToInbox(client, this.opts.store, this.opts.accountId)) this.schedule(client);
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
          ...(this.loop ? withText(coreText('syncReconnecting')) : {}),
        });
    } catch (error) {
      client.close();
      const problem = classifyImapError(error, this.opts.settings);
      if (reportStatus) this.reportProblem(problem);
      throw new ImapSyncError(problem.code, problem.message);
    }
  }

  private reportProblem(problem: ClassifiedImapError): void {
    if (problem.code === 'storage') {
      // The server is fine: "offline" would send the user to check the network.
      const text = coreText('syncStoragePaused', { problem: problem.text ?? problem.message });
      this.setStatus({ kind: 'error', ...withText(text) });
      return;
    }
    this.setStatus(
      problem.code === 'auth-failed'
        ? { kind: 'auth-failed', ...withText(problem.text, problem.message) }
        : { kind: 'offline', ...withText(problem.text, problem.message) },
    );
  }

  /** Re-sync shortly after the server told us something changed. */
  private schedule(client: ImapFlow): void {
    if (this.disposed || this.live !== client) return;
    if (this.debounceTimer) clearTimeout(this.debounceTimer);
    this.debounceTimer = setTimeout(() => {
      this.debounceTimer = null;
      if (this.live !== client) return;
      this.enqueue(() => this.pass(client, 'inbox')).then(
        () => this.setStatus({ kind: 'online' }),
        (err: unknown) => this.failed(client, err),
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
        await this.enqueue(() => this.pass(client, 'all'));
        attempt = 0;
        this.setStatus({ kind: 'online' });
        this.startSessionTimers(client);
        await closed;
        if (this.disposed) break;
        const cause = this.closedFor.get(client) ?? lastError;
        problem = cause
          ? classifyImapError(cause, this.opts.settings)
          : { code: 'unavailable', ...withText(coreText('syncServerClosed')) };
      } catch (error) {
        if (this.disposed) break;
        problem = classifyImapError(error, this.opts.settings);
      } finally {
        this.clearSessionTimers();
        if (this.live === client) this.live = null;
        client.off('exists', onChange);
        client.off('flags', onChange);
        client.off('expunge', onChange);
        if (!client.isClosed) client.close();
      }
      if (problem.code === 'auth-failed') {
        // Retrying a rejected password only earns server-side penalties or a lockout:
        // wait until the user acts (a manual sync, a new password) and say so.
        this.setStatus({
          kind: 'auth-failed',
          ...withText(coreText('syncPausedAuth', { problem: problem.text ?? problem.message })),
        });
        this.log('authentication failed; sync paused until the user acts');
        await new Promise<void>((resolve) => (this.resume = resolve));
        this.resume = null;
        attempt = 0;
        continue;
      }
      this.reportProblem(problem);
      const delay = backoffDelay(attempt, this.opts.backoff ?? DEFAULT_BACKOFF);
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
