// Mattermost over REST v4 with a personal access token (Bearer). Spaces are the open and
// private channels of the user's teams; each followed channel is read with
// `GET /channels/{id}/posts?since=` (posts *modified* after a time, deleted ones
// included), so one cursor per channel catches new posts, edits and deletions alike.
// Push: the WebSocket's posted / post_edited / post_deleted events trigger a read.
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
  isDeleted,
  isSpaceChannel,
  isUserPost,
  mapChannel,
  mapPost,
  mapUser,
  mentionKeys,
  postsOf,
  type MmChannel,
  type MmFileInfo,
  type MmPost,
  type MmPostList,
  type MmTeam,
  type MmUser,
} from './mappers';
import { markdownBody, multipart } from '../markup';
import { ACTIVITY_EVENTS, MattermostSocket, mentionedPostId } from './websocket';
import { findMattermostUsersByEmail, searchMattermostUsers } from './users';

export const MATTERMOST_CAPABILITIES: RseCapabilities = {
  titles: false,
  threadedComments: false, // replies all answer the root post
  attachments: true,
  reactions: false,
  mentions: true,
  remoteRead: false,
  delivery: 'push',
  // The default server rate limit is 10 requests/s per user; polling is only the
  // fallback when the socket is down, so once a minute is plenty.
  minPollIntervalMs: 10_000,
  defaultPollIntervalMs: 60_000,
};

const postsKey = (channel: string) => `posts:${channel}`;
/** The post prop a conversion's idempotency marker is kept in. */
const MARKER_PROP = 'passerelle_marker';
/** Mentions remembered from socket events; bounded so a long session cannot grow it. */
const MAX_MENTIONS = 1_000;

export class MattermostConnector implements RseConnector {
  readonly network = 'mattermost' as const;
  readonly capabilities = MATTERMOST_CAPABILITIES;
  private readonly http: HttpClient;
  private readonly base: string;
  private me: MmUser | undefined;
  private readonly users = new Map<string, MmUser>();
  private readonly mentioned = new Set<string>();

  constructor(
    private readonly config: ConnectorConfig,
    httpOptions: HttpOptions = {},
  ) {
    this.base = config.url.replace(/\/+$/, '');
    this.http = new HttpClient({
      ...httpOptions,
      headers: { ...httpOptions.headers, authorization: `Bearer ${config.secret}` },
    });
  }

  private url(path: string, query: Record<string, string> = {}): string {
    const search = new URLSearchParams(query).toString();
    return `${this.base}/api/v4${path}${search ? `?${search}` : ''}`;
  }

  private async self(): Promise<MmUser> {
    if (!this.me) await this.identify();
    return this.me as MmUser;
  }

  async identify(): Promise<RseIdentity> {
    const user = await this.http.json<MmUser>({ url: this.url('/users/me') });
    if (!user?.id) throw new RseError('server', 'Mattermost: no user in the answer.');
    this.me = user;
    this.users.set(user.id, user);
    return mapUser(user);
  }

  private readonly getJson = <T>(path: string, query?: Record<string, string>) =>
    this.http.json<T>({ url: this.url(path, query) });

  searchUsers(query: string, limit: number): Promise<DirectoryUser[]> {
    return searchMattermostUsers(this.getJson, query, limit);
  }

  findUsersByEmail(people: PersonRef[]): Promise<Map<string, DirectoryUser>> {
    return findMattermostUsersByEmail(this.getJson, people);
  }

  async listSpaces(): Promise<RemoteSpace[]> {
    const teams = await this.http.json<MmTeam[]>({ url: this.url('/users/me/teams') });
    const spaces: RemoteSpace[] = [];
    for (const team of teams.filter((t) => !(t.delete_at && t.delete_at > 0))) {
      const channels = await this.http.json<MmChannel[]>({
        url: this.url(`/users/me/teams/${encodeURIComponent(team.id)}/channels`),
      });
      for (const channel of channels.filter(isSpaceChannel)) spaces.push(mapChannel(channel, team));
    }
    return spaces;
  }

  async readActivity(request: ActivityRequest): Promise<ActivityBatch> {
    const me = await this.self();
    const observedAt = new Date().toISOString();
    const cursors: Cursors = { ...request.cursors };
    const posts: MmPost[] = [];
    for (const space of request.spaces) {
      const key = postsKey(space.remoteId);
      const since = Number(cursors[key] ?? request.since.getTime());
      const list = await this.http.json<MmPostList>({
        // One millisecond of overlap: `since` is exclusive and two posts may share a ms.
        url: this.url(`/channels/${encodeURIComponent(space.remoteId)}/posts`, {
          since: String(Math.max(1, since - 1)),
        }),
      });
      const read = postsOf(list);
      posts.push(...read);
      const newest = Math.max(since, ...read.map((p) => p.update_at).filter(Number.isFinite));
      cursors[key] = String(newest);
    }
    await this.loadUsers(posts.map((p) => p.user_id));
    const context = {
      baseUrl: this.base,
      users: this.users,
      mentionKeys: mentionKeys(me),
      mentionedPostIds: this.mentioned,
      observedAt,
    };
    const batch: ActivityBatch = { items: [], deleted: [], cursors };
    for (const post of posts) {
      if (isDeleted(post)) {
        batch.deleted.push({ kind: post.root_id ? 'comment' : 'post', remoteId: post.id });
      } else if (isUserPost(post)) {
        batch.items.push(mapPost(post, context));
      }
    }
    return batch;
  }

  /** Authors' names, fetched once per user (POST /users/ids takes a list). */
  private async loadUsers(ids: string[]): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => id && !this.users.has(id));
    for (let i = 0; i < missing.length; i += 100) {
      const users = await this.http.json<MmUser[]>({
        method: 'POST',
        url: this.url('/users/ids'),
        json: missing.slice(i, i + 100),
      });
      for (const user of users ?? []) this.users.set(user.id, user);
    }
  }

  async upload(channelId: string, files: NewPost['attachments']): Promise<MmFileInfo[]> {
    if (files.length === 0) return [];
    const form = await multipart(
      { channel_id: channelId },
      files.map((f) => ({ field: 'files', ...f })),
    );
    const answer = await this.http.json<{ file_infos?: MmFileInfo[] }>({
      method: 'POST',
      url: this.url('/files'),
      body: form.body,
      headers: { 'content-type': form.contentType },
    });
    return answer?.file_infos ?? [];
  }

  async createPost(post: NewPost): Promise<RemoteItem> {
    // Mattermost allows 5 files per post; more would be refused after the uploads.
    if (post.attachments.length > 5)
      throw new RseError('invalid', 'Mattermost: at most 5 files per post.');
    const files = await this.upload(post.spaceRemoteId, post.attachments);
    return this.send({
      channel_id: post.spaceRemoteId,
      message: markdownBody(post),
      ...(files.length ? { file_ids: files.map((f) => f.id) } : {}),
      ...(post.marker ? { props: { [MARKER_PROP]: post.marker } } : {}),
    });
  }

  async findPostByMarker(spaceRemoteId: string, marker: string): Promise<RemoteItem | null> {
    // A post whose answer was lost is among the channel's latest: one page is enough.
    const list = await this.http.json<MmPostList>({
      url: this.url(`/channels/${encodeURIComponent(spaceRemoteId)}/posts`, { per_page: '200' }),
    });
    const found = postsOf(list).find((p) => !p.root_id && p.props?.[MARKER_PROP] === marker);
    return found ? this.mapped(found) : null;
  }

  async createComment(comment: NewComment): Promise<RemoteItem> {
    const attachments = comment.attachments ?? [];
    if (attachments.length > 5)
      throw new RseError('invalid', 'Mattermost: at most 5 files per post.');
    const root = await this.http.json<MmPost>({
      url: this.url(`/posts/${encodeURIComponent(comment.postRemoteId)}`),
    });
    // Files are uploaded to the channel, then bound to the reply by their ids.
    const files = await this.upload(root.channel_id, attachments);
    return this.send({
      channel_id: root.channel_id,
      root_id: comment.postRemoteId,
      message: markdownBody(comment),
      ...(files.length ? { file_ids: files.map((f) => f.id) } : {}),
      // Props are stored with the post and never shown: the marker stays out of sight.
      ...(comment.marker ? { props: { [MARKER_PROP]: comment.marker } } : {}),
    });
  }

  async findCommentByMarker(postRemoteId: string, marker: string): Promise<RemoteItem | null> {
    const thread = await this.http.json<MmPostList>({
      url: this.url(`/posts/${encodeURIComponent(postRemoteId)}/thread`),
    });
    const found = postsOf(thread).find(
      (p) => p.root_id === postRemoteId && p.props?.[MARKER_PROP] === marker,
    );
    return found ? this.mapped(found) : null;
  }

  private async mapped(post: MmPost): Promise<RemoteItem> {
    const me = await this.self();
    await this.loadUsers([post.user_id]);
    return mapPost(post, {
      baseUrl: this.base,
      users: this.users,
      mentionKeys: mentionKeys(me),
      mentionedPostIds: this.mentioned,
      observedAt: new Date().toISOString(),
    });
  }

  private async send(body: Record<string, unknown>): Promise<RemoteItem> {
    const me = await this.self();
    const created = await this.http.json<MmPost>({
      method: 'POST',
      url: this.url('/posts'),
      json: body,
    });
    return mapPost(created, {
      baseUrl: this.base,
      users: this.users,
      mentionKeys: mentionKeys(me),
      mentionedPostIds: this.mentioned,
      observedAt: new Date().toISOString(),
    });
  }

  subscribe(onActivity: () => void): { dispose(): void } {
    const socket = new MattermostSocket({
      baseUrl: this.base,
      token: this.config.secret,
      onConnected: onActivity,
      onEvent: (event) => {
        if (!ACTIVITY_EVENTS.has(event.event)) return;
        const id = this.me && mentionedPostId(event, this.me.id);
        if (id) this.rememberMention(id);
        onActivity();
      },
    });
    return { dispose: () => socket.dispose() };
  }

  private rememberMention(id: string): void {
    this.mentioned.add(id);
    if (this.mentioned.size > MAX_MENTIONS) {
      this.mentioned.delete(this.mentioned.values().next().value as string);
    }
  }
}

export const createMattermostConnector = (config: ConnectorConfig): RseConnector =>
  new MattermostConnector(config);
