// Mastodon (and compatible servers) over the documented REST API with an OAuth access
// token. Each followed timeline (home, lists) is read forward with `min_id` (the page
// just after the cursor) and mention notifications likewise, so a poll costs one or two
// requests per space. Streaming exists (/api/v1/streaming) but is not used: polling at
// the default interval stays far inside the 300-requests-per-5-minutes limit, and
// deletions, the one thing only the stream reports, are not shown by this connector.
import { createHash } from 'node:crypto';
import type {
  ActivityBatch,
  ActivityRequest,
  ConnectorConfig,
  Cursors,
  NewComment,
  NewPost,
  RemoteItem,
  RemoteSpace,
  RseCapabilities,
  RseConnector,
  RseIdentity,
  DirectoryUser,
  PersonRef,
} from '../connector';
import { RseError } from '../errors';
import { HttpClient, type HttpOptions } from '../http';
import {
  HOME,
  mapAccount,
  mapLists,
  mapStatus,
  maxId,
  mergeItems,
  type MdAccount,
  type MdList,
  type MdMedia,
  type MdNotification,
  type MdStatus,
} from './mappers';
import { multipart, plainTextBody } from '../markup';
import { isWrittenAs, mayBeWrittenAs, OWN_STATUSES_READ } from './reconcile';
import { findMastodonUsersByEmail, searchMastodonUsers } from './users';

export const MASTODON_CAPABILITIES: RseCapabilities = {
  titles: false,
  threadedComments: true,
  attachments: true,
  reactions: false,
  mentions: true,
  remoteRead: false,
  delivery: 'poll',
  minPollIntervalMs: 30_000,
  defaultPollIntervalMs: 120_000,
};

const LIMIT = 40; // the documented maximum for timelines and notifications
const MAX_PAGES = 10;
const MENTIONS = 'mentions';
const timelineKey = (space: string) => `timeline:${space}`;

export class MastodonConnector implements RseConnector {
  readonly network = 'mastodon' as const;
  readonly capabilities = MASTODON_CAPABILITIES;
  private readonly http: HttpClient;
  private readonly base: string;
  private me: MdAccount | undefined;

  constructor(config: ConnectorConfig, httpOptions: HttpOptions = {}) {
    this.base = config.url.replace(/\/+$/, '');
    this.http = new HttpClient({
      ...httpOptions,
      headers: { ...httpOptions.headers, authorization: `Bearer ${config.secret}` },
    });
  }

  private get<T>(path: string, query: [string, string][] = []): Promise<T> {
    const search = new URLSearchParams(query).toString();
    return this.http.json<T>({ url: `${this.base}${path}${search ? `?${search}` : ''}` });
  }

  private readonly getJson = <T>(path: string, query?: [string, string][]) =>
    this.get<T>(path, query);

  searchUsers(query: string, limit: number): Promise<DirectoryUser[]> {
    return searchMastodonUsers(this.getJson, query, limit);
  }

  findUsersByEmail(people: PersonRef[]): Promise<Map<string, DirectoryUser>> {
    return findMastodonUsersByEmail(this.getJson, people);
  }

  async identify(): Promise<RseIdentity> {
    this.me = await this.get<MdAccount>('/api/v1/accounts/verify_credentials');
    return mapAccount(this.me);
  }

  async listSpaces(): Promise<RemoteSpace[]> {
    return mapLists(await this.get<MdList[]>('/api/v1/lists'));
  }

  /** Everything after `cursor` (or, without one, the newest page), oldest last. */
  private async forward<T extends { id: string }>(
    path: string,
    cursor: string | undefined,
    extra: [string, string][] = [],
  ) {
    const all: T[] = [];
    let after = cursor;
    for (let page = 0; page < MAX_PAGES; page++) {
      const query: [string, string][] = [['limit', String(LIMIT)], ...extra];
      if (after) query.push(['min_id', after]);
      const batch = await this.get<T[]>(path, query);
      if (!Array.isArray(batch)) throw new RseError('server', `${path}: not a list.`);
      all.push(...batch);
      const newest = maxId(batch.map((s) => s.id));
      // A first read takes one page: older history is not the timeline's business.
      if (!after || !newest || batch.length < LIMIT) break;
      after = newest;
    }
    return all;
  }

  async readActivity(request: ActivityRequest): Promise<ActivityBatch> {
    const me = this.me ?? (await this.identify(), this.me);
    const observedAt = new Date().toISOString();
    const since = request.since.getTime();
    const recent = (s: { created_at: string }) => !(Date.parse(s.created_at) < since);
    const cursors: Cursors = { ...request.cursors };
    const items: RemoteItem[] = [];

    for (const space of request.spaces) {
      const key = timelineKey(space.remoteId);
      const path =
        space.remoteId === HOME
          ? '/api/v1/timelines/home'
          : `/api/v1/timelines/list/${encodeURIComponent(space.remoteId.replace(/^list:/, ''))}`;
      const statuses = await this.forward<MdStatus>(path, cursors[key]);
      for (const status of statuses) {
        if (cursors[key] || recent(status))
          items.push(mapStatus(status, space.remoteId, me?.id, observedAt));
      }
      cursors[key] =
        maxId([...(cursors[key] ? [cursors[key]] : []), ...statuses.map((s) => s.id)]) ?? '';
      if (!cursors[key]) delete cursors[key];
    }

    const notifications = await this.forward<MdNotification>(
      '/api/v1/notifications',
      cursors[MENTIONS],
      [['types[]', 'mention']],
    );
    for (const n of notifications) {
      if (n.type !== 'mention' || !n.status || (!cursors[MENTIONS] && !recent(n))) continue;
      items.push({ ...mapStatus(n.status, null, me?.id, observedAt), mentionsMe: true });
    }
    const newest = maxId([
      ...(cursors[MENTIONS] ? [cursors[MENTIONS]] : []),
      ...notifications.map((n) => n.id),
    ]);
    if (newest) cursors[MENTIONS] = newest;

    return { items: mergeItems(items), deleted: [], cursors };
  }

  async upload(file: NewPost['attachments'][number]): Promise<MdMedia> {
    const form = await multipart({}, [{ field: 'file', ...file }]);
    // 200 when processed, 202 while the server still converts it (url null): both give
    // an id a status can use.
    return this.http.json<MdMedia>({
      method: 'POST',
      url: `${this.base}/api/v2/media`,
      body: form.body,
      headers: { 'content-type': form.contentType },
    });
  }

  /** Uploads each file (the planner keeps to the server's media limit) and gives their ids. */
  private async uploadAll(files: NewPost['attachments']): Promise<string[]> {
    const ids: string[] = [];
    for (const file of files) ids.push((await this.upload(file)).id);
    return ids;
  }

  async createPost(post: NewPost): Promise<RemoteItem> {
    const media = await this.uploadAll(post.attachments);
    return this.publish(
      { status: plainTextBody(post), ...(media.length ? { media_ids: media } : {}) },
      post.spaceRemoteId,
      post.marker,
    );
  }

  async createComment(comment: NewComment): Promise<RemoteItem> {
    const target = comment.parentRemoteId ?? comment.postRemoteId;
    const parent = await this.get<MdStatus>(`/api/v1/statuses/${encodeURIComponent(target)}`);
    let text = plainTextBody(comment);
    // Mastodon clients address a reply to its author, or they may never see it.
    const me = this.me ?? (await this.identify(), this.me);
    if (parent.account.id !== me?.id && !text.includes(`@${parent.account.acct}`)) {
      text = `@${parent.account.acct} ${text}`;
    }
    const media = await this.uploadAll(comment.attachments ?? []);
    return this.publish(
      { status: text, in_reply_to_id: target, ...(media.length ? { media_ids: media } : {}) },
      null,
      comment.marker,
    );
  }

  /** The text a status was written with (this account's statuses only). */
  private async sourceOf(status: MdStatus): Promise<string> {
    const path = `/api/v1/statuses/${encodeURIComponent(status.id)}/source`;
    return (await this.get<{ text?: string }>(path)).text ?? '';
  }

  /** See reconcile.ts: a lost post is among this account's newest, written with its text. */
  async findPostByMarker(
    spaceRemoteId: string,
    _marker: string,
    expected?: NewPost,
  ): Promise<RemoteItem | null> {
    if (!expected) return null;
    const me = this.me ?? (await this.identify(), this.me);
    if (!me) return null;
    const text = plainTextBody(expected);
    const statuses = await this.get<MdStatus[]>(
      `/api/v1/accounts/${encodeURIComponent(me.id)}/statuses`,
      [
        ['limit', String(OWN_STATUSES_READ)],
        ['exclude_replies', 'true'],
        ['exclude_reblogs', 'true'],
      ],
    );
    for (const status of Array.isArray(statuses) ? statuses : []) {
      if (status.in_reply_to_id || !mayBeWrittenAs(status, text)) continue;
      if (isWrittenAs(await this.sourceOf(status), text))
        return mapStatus(status, spaceRemoteId, me.id, new Date().toISOString());
    }
    return null;
  }

  /** See reconcile.ts: a lost reply is among the post's descendants, written with its text. */
  async findCommentByMarker(
    postRemoteId: string,
    _marker: string,
    expected?: NewComment,
  ): Promise<RemoteItem | null> {
    if (!expected) return null;
    const target = expected.parentRemoteId ?? postRemoteId;
    const me = this.me ?? (await this.identify(), this.me);
    const text = plainTextBody(expected);
    const context = await this.get<{ descendants?: MdStatus[] }>(
      `/api/v1/statuses/${encodeURIComponent(target)}/context`,
    );
    const mine = (context.descendants ?? []).filter(
      (s) => s.in_reply_to_id === target && s.account.id === me?.id,
    );
    for (const status of mine) {
      if (isWrittenAs(await this.sourceOf(status), text))
        return mapStatus(status, null, me?.id, new Date().toISOString());
    }
    return null;
  }

  private async publish(
    body: Record<string, unknown>,
    space: string | null,
    marker: string | undefined,
  ): Promise<RemoteItem> {
    // Servers keep an Idempotency-Key for an hour and answer a repeated request with the
    // status it created: a retried part (after a timeout or a kill that hid a success) is
    // not posted twice. The part's marker is that key; without one, the content's hash.
    const key = marker ?? createHash('sha256').update(JSON.stringify(body)).digest('hex');
    const status = await this.http.json<MdStatus>({
      method: 'POST',
      url: `${this.base}/api/v1/statuses`,
      json: body,
      headers: { 'idempotency-key': key },
    });
    return mapStatus(status, space, this.me?.id, new Date().toISOString());
  }
}

export const createMastodonConnector = (config: ConnectorConfig): RseConnector =>
  new MastodonConnector(config);
