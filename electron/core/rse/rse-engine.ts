// Keeps one RSE account in sync: reads activity from its connector since the persisted
// cursors and writes items and cursors in one transaction (a kill between two reads
// loses nothing; a replay upserts). Polls at the account's interval, never below the
// network's minimum, backing off after failures (and as long as Retry-After asks);
// push connectors trigger a read as soon as the server signals activity.
import type { AccountStatus } from '../../../shared/domain';
import type { CoreContext } from '../core-context';
import { secretKeyFor, type StoredRseAccount } from '../db/accounts';
import { applyActivity, knownPostIds } from '../db/rse-items';
import { followedSpaces, getCursors, saveCursors } from '../db/rse-spaces';
import { CoreError } from '../errors';
import type { MailAccountEngine } from '../sync-manager';
import type { RseConnector } from './connector';
import { RseError, statusForError, toCoreError } from './errors';
import { connectorFactory } from './registry';

/** How far back the first read of a space goes. */
const FIRST_READ_DAYS = 30;
const MAX_BACKOFF_MS = 15 * 60_000;

export interface RseEngineOptions {
  accountId: string;
  connector: RseConnector;
  ctx: Pick<CoreContext, 'db' | 'writer' | 'log'>;
  pollIntervalMs: number;
  onStatus: (status: AccountStatus) => void;
}

export class RseAccountEngine implements MailAccountEngine {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private subscription: { dispose(): void } | undefined;
  private failures = 0;
  private disposed = false;

  constructor(private readonly options: RseEngineOptions) {}

  get connector(): RseConnector {
    return this.options.connector;
  }

  start(): void {
    if (this.disposed || this.timer || this.subscription) return;
    this.subscription = this.connector.subscribe?.(() => void this.poll(false));
    void this.poll(true);
  }

  /** One read; concurrent callers share the read in flight. */
  syncOnce(): Promise<void> {
    this.running ??= this.read().finally(() => (this.running = undefined));
    return this.running;
  }

  async setSeen(): Promise<void> {
    throw new CoreError('invalid-params', 'RSE items are marked read with rse.markRead.');
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.subscription?.dispose();
    await this.running?.catch(() => undefined);
  }

  private async poll(reschedule: boolean): Promise<void> {
    let delay = this.options.pollIntervalMs;
    try {
      await this.syncOnce();
      this.failures = 0;
    } catch (error) {
      this.failures++;
      delay = Math.min(MAX_BACKOFF_MS, delay * 2 ** Math.min(this.failures, 6));
      if (error instanceof RseError && error.retryAfterMs)
        delay = Math.max(delay, error.retryAfterMs);
      this.options.ctx.log(`RSE sync of ${this.options.accountId} failed: ${String(error)}`);
    }
    if (!reschedule || this.disposed) return;
    // Not unref'd: in `passerelle sync` the poller is what keeps the process working.
    this.timer = setTimeout(() => void this.poll(true), delay);
  }

  private async read(): Promise<void> {
    const { accountId, connector, ctx, onStatus } = this.options;
    onStatus({ kind: 'syncing' });
    try {
      const spaces = followedSpaces(ctx.db, accountId);
      if (spaces.length > 0) {
        const batch = await connector.readActivity({
          spaces,
          cursors: getCursors(ctx.db, accountId),
          knownPostIds: knownPostIds(ctx.db, accountId),
          since: new Date(Date.now() - FIRST_READ_DAYS * 86_400_000),
        });
        if (this.disposed) return;
        ctx.writer.write((deltas) => {
          applyActivity(ctx.db, accountId, batch, deltas);
          saveCursors(ctx.db, accountId, batch.cursors);
        });
      }
      onStatus({ kind: 'online', lastSyncAt: new Date().toISOString() });
    } catch (error) {
      onStatus(statusForError(error));
      throw toCoreError(error);
    }
  }
}

/** The poll interval: PASSERELLE_RSE_POLL_MS if set, never below the network's minimum. */
export function pollIntervalFor(connector: RseConnector): number {
  const { minPollIntervalMs, defaultPollIntervalMs } = connector.capabilities;
  const asked = Number(process.env.PASSERELLE_RSE_POLL_MS);
  return Math.max(minPollIntervalMs, asked > 0 ? asked : defaultPollIntervalMs);
}

/** A connector for the account, with its secret from the secret store. */
export async function connectorFor(
  ctx: CoreContext,
  account: StoredRseAccount,
): Promise<RseConnector> {
  const existing = ctx.sync.existing(account.id);
  if (existing instanceof RseAccountEngine) return existing.connector;
  const secret = await ctx.secrets.get(secretKeyFor(account.id));
  if (secret === undefined) {
    throw new CoreError(
      'auth-failed',
      `No password or token is stored for ${account.name}; remove the account and add it again.`,
    );
  }
  return connectorFactory(account.kind)({ ...account.rse, secret });
}

/** The account's engine, registered with the sync manager so removal and dispose stop it. */
export async function rseEngineFor(
  ctx: CoreContext,
  account: StoredRseAccount,
): Promise<RseAccountEngine> {
  const connector = await connectorFor(ctx, account);
  const engine = ctx.sync.adopt(
    account.id,
    (onStatus) =>
      new RseAccountEngine({
        accountId: account.id,
        connector,
        ctx,
        pollIntervalMs: pollIntervalFor(connector),
        onStatus,
      }),
  );
  return engine as RseAccountEngine;
}
