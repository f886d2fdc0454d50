// Per-feed state kept in the account's cursors (one stream per feed, persisted by the
// engine in the same transaction as the items): HTTP validators for conditional GET, when
// the feed may next be fetched, and the last failure. The engine polls the account; each
// feed is fetched only when due, so a feed asking for hourly updates is read hourly even
// if its neighbour is read every few minutes.
import type { Cursors } from '../connector';
import { RseError } from '../errors';

export interface FeedState {
  etag?: string;
  lastModified?: string;
  /** ISO time before which the feed is not fetched again. */
  nextAt?: string;
  failures?: number;
  /** The last failure, shown per feed; cleared by the next success. */
  error?: string;
  checkedAt?: string;
}

/** Never fetch one feed more often than this, whatever the feed or the user asks. */
export const FEED_MIN_INTERVAL_MS = 5_000;
/** When neither the feed (ttl, sy:*) nor the user says how often. */
export const FEED_DEFAULT_INTERVAL_MS = 15 * 60_000;
/** A feed saying "yearly" is still checked daily: a stale hint must not hide news. */
export const FEED_MAX_INTERVAL_MS = 86_400_000;
const MAX_BACKOFF_MS = 6 * 3_600_000;

export const feedStream = (url: string) => `feed:${url}`;

export function readState(cursors: Cursors, url: string): FeedState {
  const raw = cursors[feedStream(url)];
  if (!raw) return {};
  try {
    return JSON.parse(raw) as FeedState;
  } catch {
    return {}; // a corrupt state only costs one unconditional fetch
  }
}

export function writeState(cursors: Cursors, url: string, state: FeedState): void {
  cursors[feedStream(url)] = JSON.stringify(state);
}

export function isDue(state: FeedState, now: number): boolean {
  return !state.nextAt || Date.parse(state.nextAt) <= now;
}

/**
 * The interval after a successful fetch: the user's explicit choice (PASSERELLE_RSE_POLL_MS)
 * wins, else the feed's own hint, else the default; always within [min, max].
 */
export function intervalFor(hintMs: number | null, askedMs: number | undefined): number {
  const wanted = askedMs ?? hintMs ?? FEED_DEFAULT_INTERVAL_MS;
  return Math.min(FEED_MAX_INTERVAL_MS, Math.max(FEED_MIN_INTERVAL_MS, wanted));
}

export function succeeded(
  state: FeedState,
  validators: { etag?: string; lastModified?: string },
  intervalMs: number,
  now: number,
): FeedState {
  return {
    ...validators,
    nextAt: new Date(now + intervalMs).toISOString(),
    checkedAt: new Date(now).toISOString(),
  };
}

/** Exponential backoff with jitter per feed, and never sooner than a Retry-After asks. */
export function failed(
  state: FeedState,
  error: unknown,
  now: number,
  random = Math.random,
): FeedState {
  const failures = (state.failures ?? 0) + 1;
  const base = Math.min(MAX_BACKOFF_MS, 60_000 * 2 ** Math.min(failures - 1, 12));
  let delay = base * (0.75 + random() / 2);
  if (error instanceof RseError && error.retryAfterMs !== undefined) {
    delay = Math.max(delay, error.retryAfterMs);
  }
  return {
    // Validators survive a failure: the next success can still be a cheap 304.
    ...(state.etag ? { etag: state.etag } : {}),
    ...(state.lastModified ? { lastModified: state.lastModified } : {}),
    nextAt: new Date(now + delay).toISOString(),
    failures,
    error: error instanceof RseError ? error.message : 'Unexpected failure reading the feed.',
    checkedAt: new Date(now).toISOString(),
  };
}

/** The user's poll interval, as the engine reads it (see pollIntervalFor). */
export function askedIntervalMs(): number | undefined {
  const asked = Number(process.env.PASSERELLE_RSE_POLL_MS);
  return asked > 0 ? asked : undefined;
}
