// A read-only connector for anything that publishes Atom, RSS or JSON Feed. The account's
// URL is a feed or a page whose <link rel="alternate"> feeds are discovered; each feed is
// a space (the user follows the ones wanted). Feeds are read one by one, each when due
// (see schedule.ts), and one feed's failure is recorded in its own state without keeping
// the others' items from being stored.
import type {
  ActivityBatch,
  ActivityRequest,
  ConnectorConfig,
  Cursors,
  RemoteItem,
  RemoteSpace,
  RseCapabilities,
  RseConnector,
  RseIdentity,
} from '../connector';
import { RseError } from '../errors';
import { fetchFeed, redact, type FeedRequest } from './fetch';
import { LINK_INDEX_STREAM, mapEntries, type FeedRead, type LinkIndex } from './mappers';
import {
  decodeBody,
  discoverFeeds,
  linkHeaderFeeds,
  looksLikeHtml,
  parseDocument,
  type ParsedFeed,
} from './parse';
import {
  askedIntervalMs,
  failed,
  intervalFor,
  isDue,
  readState,
  succeeded,
  writeState,
} from './schedule';

export const FEED_CAPABILITIES: RseCapabilities = {
  titles: true,
  threadedComments: true, // Atom thr:in-reply-to can name a comment
  attachments: false,
  reactions: false,
  mentions: false,
  remoteRead: false,
  delivery: 'poll',
  // Each feed keeps its own schedule; the account is only checked for due feeds this often.
  minPollIntervalMs: 5_000,
  defaultPollIntervalMs: 5 * 60_000,
};

/** Stored as the secret of a feed account that needs no credentials (the store wants one). */
export const FEED_NO_SECRET = 'passerelle:no-credentials';

export interface FeedConnectorOptions {
  fetch?: typeof fetch;
  maxBytes?: number;
  now?: () => number;
}

export class FeedConnector implements RseConnector {
  readonly network = 'feed' as const;
  readonly capabilities = FEED_CAPABILITIES;
  private readonly headers: Record<string, string> = {};

  constructor(
    private readonly config: ConnectorConfig,
    private readonly options: FeedConnectorOptions = {},
  ) {
    if (config.user) {
      const basic = Buffer.from(`${config.user}:${config.secret}`).toString('base64');
      this.headers.authorization = `Basic ${basic}`;
    } else if (config.secret && config.secret !== FEED_NO_SECRET) {
      this.headers.authorization = `Bearer ${config.secret}`;
    }
  }

  private get(url: string, extra: Partial<FeedRequest> = {}) {
    return fetchFeed({
      url,
      headers: this.headers,
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
      ...(this.options.maxBytes ? { maxBytes: this.options.maxBytes } : {}),
      ...extra,
    });
  }

  /** Reading the account's URL is the only check a feed offers (401 = refused). */
  async identify(): Promise<RseIdentity> {
    const spaces = await this.listSpaces();
    return { remoteId: this.config.url, name: spaces[0]?.name ?? this.config.url };
  }

  async listSpaces(): Promise<RemoteSpace[]> {
    const what = redact(this.config.url);
    const response = await this.get(this.config.url);
    if (response.status !== 'ok') throw new RseError('server', `${what}: unexpected 304.`);
    const text = decodeBody(response.body, response.contentType, what);
    if (looksLikeHtml(text) || /html/i.test(response.contentType) || !text.trim()) {
      const feeds = [
        ...discoverFeeds(text, response.url),
        ...linkHeaderFeeds(response.link, response.url),
      ].filter((f, i, all) => all.findIndex((g) => g.url === f.url) === i);
      if (feeds.length === 0) {
        throw new RseError('not-found', `${what}: the page advertises no Atom, RSS or JSON feed.`);
      }
      return feeds.map((f) => ({ remoteId: f.url, name: f.title }));
    }
    const feed = parseDocument(text, what);
    return [{ remoteId: this.config.url, name: feed.title || this.config.url }];
  }

  async readActivity(request: ActivityRequest): Promise<ActivityBatch> {
    const now = this.options.now?.() ?? Date.now();
    const cursors: Cursors = { ...request.cursors };
    const reads: FeedRead[] = [];
    const errors: RseError[] = [];
    let attempted = 0;
    for (const space of request.spaces) {
      const url = space.remoteId;
      const state = readState(cursors, url);
      if (!isDue(state, now)) continue;
      attempted++;
      try {
        const response = await this.get(url, {
          ...(state.etag ? { etag: state.etag } : {}),
          ...(state.lastModified ? { lastModified: state.lastModified } : {}),
        });
        let feed: ParsedFeed | undefined;
        if (response.status === 'ok') {
          const what = redact(url);
          feed = parseDocument(decodeBody(response.body, response.contentType, what), what);
          reads.push({ feedUrl: url, baseUrl: response.url, entries: feed.entries });
        }
        const validators =
          response.status === 'ok'
            ? {
                ...(response.etag ? { etag: response.etag } : {}),
                ...(response.lastModified ? { lastModified: response.lastModified } : {}),
              }
            : { etag: state.etag, lastModified: state.lastModified };
        const interval = intervalFor(feed?.intervalMs ?? null, askedIntervalMs());
        writeState(cursors, url, succeeded(state, clean(validators), interval, now));
      } catch (error) {
        writeState(cursors, url, failed(state, error, now));
        errors.push(
          error instanceof RseError
            ? error
            : new RseError('server', `${redact(url)}: the feed could not be read.`),
        );
      }
    }
    if (attempted > 0 && errors.length === attempted) throw combine(errors);

    const index = readIndex(cursors);
    const items: RemoteItem[] = mapEntries(reads, index, request.knownPostIds);
    cursors[LINK_INDEX_STREAM] = JSON.stringify(index);
    return { items, deleted: [], cursors };
  }

  async createPost(): Promise<RemoteItem> {
    throw new RseError('permission', 'Feeds are read-only: Passerelle cannot post to them.');
  }

  async createComment(): Promise<RemoteItem> {
    throw new RseError('permission', 'Feeds are read-only: Passerelle cannot comment on them.');
  }
}

function clean(v: { etag?: string | undefined; lastModified?: string | undefined }) {
  return {
    ...(v.etag ? { etag: v.etag } : {}),
    ...(v.lastModified ? { lastModified: v.lastModified } : {}),
  };
}

function readIndex(cursors: Cursors): LinkIndex {
  try {
    return JSON.parse(cursors[LINK_INDEX_STREAM] ?? '{}') as LinkIndex;
  } catch {
    return {};
  }
}

/** Every followed feed failed: the account shows it, naming each feed's problem. */
function combine(errors: RseError[]): RseError {
  if (errors.length === 1) return errors[0]!;
  const kind = errors.every((e) => e.kind === errors[0]!.kind) ? errors[0]!.kind : 'server';
  const retry = Math.max(...errors.map((e) => e.retryAfterMs ?? 0));
  return new RseError(kind, errors.map((e) => e.message).join(' '), undefined, retry || undefined);
}

export const createFeedConnector = (config: ConnectorConfig) => new FeedConnector(config);
