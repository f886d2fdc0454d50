// Discourse with a User API Key (`User-Api-Key`, what a user grants an app) or an admin
// API key (`Api-Key` + `Api-Username`). Spaces are categories. Activity comes from the
// site-wide latest-posts list (GET /posts.json, newest first, paged with `before`):
// one stream for every followed category, with the highest post id as the cursor, so
// new topics and replies are read in a handful of requests whatever the forum's size.
// Mentions come from the user's notifications.
import type {
  ActivityBatch,
  ActivityRequest,
  ConnectorConfig,
  NewComment,
  Attachment,
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
  isWritten,
  mapCategory,
  mapPost,
  mapUser,
  mentionKeys,
  type DcCategory,
  type DcNotification,
  type DcPost,
  type DcUser,
} from './mappers';
import { markdownBody, multipart } from '../markup';
import {
  carriesMarker,
  replyCandidates,
  TOPIC_SEARCH_PAGES,
  withHiddenMarker,
  type DcPostWithRaw,
  type DcTopic,
} from './markers';
import { findDiscourseUsersByEmail, searchDiscourseUsers } from './users';

export const DISCOURSE_CAPABILITIES: RseCapabilities = {
  titles: true,
  threadedComments: false, // replies name a post number, not an id we store
  attachments: true,
  reactions: false,
  mentions: true,
  remoteRead: false,
  delivery: 'poll',
  // Discourse's default API limit is 60 requests a minute per user and key.
  minPollIntervalMs: 30_000,
  defaultPollIntervalMs: 120_000,
};

const POSTS = 'posts';
const MAX_PAGES = 10;

export interface DcUpload {
  id?: number;
  url: string;
  short_url?: string;
  original_filename?: string;
  width?: number | null;
}

export class DiscourseConnector implements RseConnector {
  readonly network = 'discourse' as const;
  readonly capabilities = DISCOURSE_CAPABILITIES;
  private readonly http: HttpClient;
  private readonly base: string;

  constructor(
    private readonly config: ConnectorConfig,
    httpOptions: HttpOptions = {},
  ) {
    this.base = config.url.replace(/\/+$/, '');
    // An admin key acts as the named user; a User API Key already is one user's.
    const auth: Record<string, string> = config.user
      ? { 'api-key': config.secret, 'api-username': config.user }
      : { 'user-api-key': config.secret };
    this.http = new HttpClient({ ...httpOptions, headers: { ...httpOptions.headers, ...auth } });
  }

  private get<T>(path: string, query: Record<string, string> = {}): Promise<T> {
    const search = new URLSearchParams(query).toString();
    return this.http.json<T>({ url: `${this.base}${path}${search ? `?${search}` : ''}` });
  }

  private readonly getJson = <T>(path: string, query?: Record<string, string>) =>
    this.get<T>(path, query);

  searchUsers(query: string, limit: number): Promise<DirectoryUser[]> {
    return searchDiscourseUsers(this.getJson, this.base, query, limit);
  }

  findUsersByEmail(people: PersonRef[]): Promise<Map<string, DirectoryUser>> {
    return findDiscourseUsersByEmail(this.getJson, this.base, people);
  }

  async identify(): Promise<RseIdentity> {
    if (this.config.user) {
      const answer = await this.get<{ user: DcUser }>(
        `/u/${encodeURIComponent(this.config.user)}.json`,
      );
      return mapUser(answer.user, this.base);
    }
    // A User API Key does not say whose it is; the session endpoint does.
    const answer = await this.get<{ current_user?: DcUser }>('/session/current.json');
    if (!answer?.current_user)
      throw new RseError('authentication', 'Discourse: the key names no user.');
    return mapUser(answer.current_user, this.base);
  }

  async listSpaces(): Promise<RemoteSpace[]> {
    const answer = await this.get<{ category_list: { categories: DcCategory[] } }>(
      '/categories.json',
      {
        include_subcategories: 'true',
      },
    );
    return (answer.category_list?.categories ?? []).map(mapCategory);
  }

  async readActivity(request: ActivityRequest): Promise<ActivityBatch> {
    const observedAt = new Date().toISOString();
    // Post ids start at 1; -1 means "never read", where `since` bounds the first read.
    const cursor = Number(request.cursors[POSTS] ?? -1);
    const since = request.since.getTime();
    const posts: DcPost[] = [];
    let before: number | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const answer = await this.get<{ latest_posts?: DcPost[] }>(
        '/posts.json',
        before !== undefined ? { before: String(before) } : {},
      );
      const latest = answer.latest_posts ?? [];
      const fresh = latest.filter(
        (p) => p.id > cursor && (cursor >= 0 || !(Date.parse(p.created_at) < since)),
      );
      posts.push(...fresh);
      // Stop at the cursor (or, on a first read, at `since`), or when the list ends.
      if (fresh.length < latest.length || latest.length === 0) break;
      const oldest = Math.min(...latest.map((p) => p.id));
      if (!(oldest > 1)) break;
      before = oldest - 1;
    }

    const notifications = await this.get<{ notifications?: DcNotification[] }>(
      '/notifications.json',
    );
    const context = {
      baseUrl: this.base,
      mentions: mentionKeys(notifications.notifications ?? []),
      observedAt,
    };
    const followed = new Set(request.spaces.map((s) => s.remoteId));
    const batch: ActivityBatch = {
      items: [],
      deleted: [],
      cursors: { ...request.cursors, [POSTS]: String(Math.max(cursor, ...posts.map((p) => p.id))) },
    };
    for (const post of posts) {
      if (post.category_id == null || !followed.has(String(post.category_id)) || !isWritten(post))
        continue;
      const item = mapPost(post, context);
      if (isDeleted(post)) batch.deleted.push({ kind: item.kind, remoteId: item.remoteId });
      else batch.items.push(item);
    }
    return batch;
  }

  async upload(file: NewPost['attachments'][number]): Promise<DcUpload> {
    // synchronous=true: the answer carries the upload's URL instead of a job to poll.
    const form = await multipart({ upload_type: 'composer', synchronous: 'true' }, [
      { field: 'file', ...file },
    ]);
    return this.http.json<DcUpload>({
      method: 'POST',
      url: `${this.base}/uploads.json`,
      body: form.body,
      headers: { 'content-type': form.contentType },
    });
  }

  /**
   * A conversion's files, uploaded before the post so its Markdown links them (and its
   * inline images, cid: rewritten): Discourse's short upload:// address renders in posts.
   */
  async uploadFile(file: Attachment): Promise<{ remoteId: string; url: string }> {
    const upload = await this.upload(file);
    return { remoteId: String(upload.id ?? upload.url), url: upload.short_url ?? upload.url };
  }

  /** Uploads the files and returns Discourse's own Markdown for them. */
  private async uploadLinks(files: NewPost['attachments']): Promise<string[]> {
    const links: string[] = [];
    for (const file of files) {
      const upload = await this.upload(file);
      // Images inline, other files as attachments.
      const image = file.contentType.startsWith('image/');
      links.push(
        `${image ? '!' : ''}[${file.filename}${image ? '' : '|attachment'}](${upload.short_url ?? upload.url})`,
      );
    }
    return links;
  }

  private async rawOf(body: NewPost | NewComment, files: NewPost['attachments']) {
    const links = await this.uploadLinks(files);
    return withHiddenMarker(
      [markdownBody(body), ...links].filter(Boolean).join('\n\n'),
      body.marker,
    );
  }

  async createPost(post: NewPost): Promise<RemoteItem> {
    if (!post.title?.trim()) throw new RseError('invalid', 'Discourse: a topic needs a title.');
    const created = await this.http.json<DcPost>({
      method: 'POST',
      url: `${this.base}/posts.json`,
      json: {
        title: post.title,
        raw: await this.rawOf(post, post.attachments),
        category: Number(post.spaceRemoteId),
      },
    });
    return mapPost(
      { ...created, post_number: 1 },
      {
        baseUrl: this.base,
        mentions: new Set(),
        observedAt: new Date().toISOString(),
        title: post.title,
        categoryId: post.spaceRemoteId,
      },
    );
  }

  async createComment(comment: NewComment): Promise<RemoteItem> {
    const created = await this.http.json<DcPost>({
      method: 'POST',
      url: `${this.base}/posts.json`,
      json: {
        topic_id: Number(comment.postRemoteId),
        raw: await this.rawOf(comment, comment.attachments ?? []),
      },
    });
    // The example answers may say post 1; a reply is never the topic's first post.
    const postNumber = created.post_number > 1 ? created.post_number : 2;
    return mapPost(
      { ...created, topic_id: Number(comment.postRemoteId), post_number: postNumber },
      { baseUrl: this.base, mentions: new Set(), observedAt: new Date().toISOString() },
    );
  }

  /** The topic opened in this category whose first post's raw carries the marker. */
  async findPostByMarker(spaceRemoteId: string, marker: string): Promise<RemoteItem | null> {
    let before: number | undefined;
    for (let page = 0; page < TOPIC_SEARCH_PAGES; page++) {
      const answer = await this.get<{ latest_posts?: DcPostWithRaw[] }>(
        '/posts.json',
        before !== undefined ? { before: String(before) } : {},
      );
      const latest = answer.latest_posts ?? [];
      const found = latest.find(
        (p) =>
          p.post_number === 1 &&
          String(p.category_id) === spaceRemoteId &&
          carriesMarker(p.raw, marker),
      );
      if (found) return this.mappedNow(found);
      const oldest = Math.min(...latest.map((p) => p.id));
      if (latest.length === 0 || !(oldest > 1)) break;
      before = oldest - 1;
    }
    return null;
  }

  /** The reply of this topic whose raw carries the marker (this account's posts only). */
  async findCommentByMarker(postRemoteId: string, marker: string): Promise<RemoteItem | null> {
    const topic = await this.get<DcTopic>(`/t/${encodeURIComponent(postRemoteId)}.json`);
    for (const id of replyCandidates(topic)) {
      const post = await this.get<DcPostWithRaw>(`/posts/${id}.json`);
      if (post.post_number > 1 && post.yours !== false && carriesMarker(post.raw, marker)) {
        return this.mappedNow({ ...post, topic_id: Number(postRemoteId) });
      }
    }
    return null;
  }

  private mappedNow(post: DcPost): RemoteItem {
    return mapPost(post, {
      baseUrl: this.base,
      mentions: new Set(),
      observedAt: new Date().toISOString(),
    });
  }
}

export const createDiscourseConnector = (config: ConnectorConfig): RseConnector =>
  new DiscourseConnector(config);
