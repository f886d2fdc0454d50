// WordPress (self-hosted intranets, P2-style blogs) over the REST API (wp/v2) with an
// Application Password (HTTP Basic). Categories are spaces; posts are read per followed
// category by modification time, comments for the whole site by date. WordPress filters
// `modified_after` / `after` in the site's local time, so cursors (kept in GMT) are
// shifted by the site's gmt_offset, and each read overlaps the previous by a second:
// the store upserts, so the overlap costs nothing and no same-second change is lost.
import type {
  ActivityBatch,
  Attachment,
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
import { discoverApiRoot, type ApiRoot } from './discovery';
import { WordPressDirectory } from './users';
import {
  appendMedia,
  gmtToIso,
  mapCategory,
  mapComment,
  mapPost,
  type WpCategory,
  type WpComment,
  type WpMedia,
  type WpPost,
  type WpUser,
} from './mappers';

export const WORDPRESS_CAPABILITIES: RseCapabilities = {
  titles: true,
  threadedComments: true,
  attachments: true,
  reactions: false,
  mentions: false, // only "@handle" in the text, detected by the mappers
  remoteRead: false,
  delivery: 'poll',
  // A self-hosted site has no published quota; a few seconds keeps tests quick without
  // letting a misconfigured client hammer a small intranet server.
  minPollIntervalMs: 5_000,
  defaultPollIntervalMs: 60_000,
};

const PAGE = 100;
/** Pages read per stream and sync, so one huge backlog cannot stall the others. */
const MAX_PAGES = 20;
const COMMENTS = 'comments';
const postsKey = (space: string) => `posts:${space}`;

export class WordPressConnector implements RseConnector {
  readonly network = 'wordpress' as const;
  readonly capabilities = WORDPRESS_CAPABILITIES;
  private readonly http: HttpClient;
  private root: Promise<ApiRoot> | undefined;
  private me: RseIdentity | undefined;
  private readonly directory = new WordPressDirectory((route, query) => this.get(route, query));

  constructor(
    private readonly config: ConnectorConfig,
    httpOptions: HttpOptions = {},
  ) {
    const basic = Buffer.from(`${config.user ?? ''}:${config.secret}`).toString('base64');
    this.http = new HttpClient({ ...httpOptions, headers: { authorization: `Basic ${basic}` } });
  }

  private api(): Promise<ApiRoot> {
    this.root ??= discoverApiRoot(this.config.url, this.http).catch((error: unknown) => {
      this.root = undefined; // rediscover next time (the site may have been down)
      throw error;
    });
    return this.root;
  }

  private async get<T>(route: string, query: Record<string, string> = {}) {
    const root = await this.api();
    return this.http.request<T>({ url: root.url(route, query) });
  }

  searchUsers(query: string, limit: number): Promise<DirectoryUser[]> {
    return this.directory.searchUsers(query, limit);
  }

  findUsersByEmail(people: PersonRef[]): Promise<Map<string, DirectoryUser>> {
    return this.directory.findUsersByEmail(people);
  }

  async identify(): Promise<RseIdentity> {
    const { data: user } = await this.get<WpUser>('/wp/v2/users/me', { context: 'edit' });
    this.me = {
      remoteId: String(user.id),
      name: user.name,
      handle: user.slug,
      ...(user.avatar_urls?.['48'] ? { avatarUrl: user.avatar_urls['48'] } : {}),
    };
    return this.me;
  }

  async listSpaces(): Promise<RemoteSpace[]> {
    const categories = await this.pages<WpCategory>('/wp/v2/categories', {
      orderby: 'name',
      hide_empty: 'false',
    });
    return categories.map(mapCategory);
  }

  async readActivity(request: ActivityRequest): Promise<ActivityBatch> {
    // WordPress answers public reads even when an application password is revoked (as if
    // anonymous), so every read starts by checking who we are: a 401 here is the only
    // sign, and reading anonymously would silently miss private content.
    const handle = (await this.identify()).handle;
    const root = await this.api();
    const cursors: Cursors = { ...request.cursors };
    const items: RemoteItem[] = [];
    const firstReads: string[] = [];

    for (const space of request.spaces) {
      const key = postsKey(space.remoteId);
      const since = cursors[key] ?? request.since.toISOString();
      if (!cursors[key]) firstReads.push(space.remoteId);
      const posts = await this.pages<WpPost>('/wp/v2/posts', {
        categories: space.remoteId,
        modified_after: root.toLocal(since, -1),
        orderby: 'modified',
        order: 'asc',
        _embed: 'author',
      });
      for (const post of posts) items.push(mapPost(post, space.remoteId, handle));
      cursors[key] = maxIso(since, ...posts.map((p) => gmtToIso(p.modified_gmt)));
    }

    // Comments on posts read for the first time predate the account-wide comment cursor.
    const newPostIds = items
      .filter((i) => firstReads.includes(i.spaceRemoteId ?? ''))
      .map((i) => i.remoteId);
    const comments: WpComment[] = [];
    for (let i = 0; i < newPostIds.length; i += PAGE) {
      comments.push(
        ...(await this.pages<WpComment>('/wp/v2/comments', {
          post: newPostIds.slice(i, i + PAGE).join(','),
        })),
      );
    }
    const commentsSince = cursors[COMMENTS] ?? request.since.toISOString();
    const recent = await this.pages<WpComment>('/wp/v2/comments', {
      after: root.toLocal(commentsSince, -1),
      orderby: 'date_gmt',
      order: 'asc',
    });
    comments.push(...recent);
    cursors[COMMENTS] = maxIso(commentsSince, ...recent.map((c) => gmtToIso(c.date_gmt)));
    for (const comment of comments) items.push(mapComment(comment, handle));

    return { items, deleted: await this.deletedPosts(request.knownPostIds), cursors };
  }

  /** Trashed, unpublished and deleted posts all vanish from the published list. */
  private async deletedPosts(known: string[]): Promise<ActivityBatch['deleted']> {
    const deleted: ActivityBatch['deleted'] = [];
    for (let i = 0; i < known.length; i += PAGE) {
      const batch = known.slice(i, i + PAGE);
      const { data } = await this.get<{ id: number }[]>('/wp/v2/posts', {
        include: batch.join(','),
        per_page: String(PAGE),
        _fields: 'id',
      });
      const present = new Set(data.map((p) => String(p.id)));
      for (const id of batch) if (!present.has(id)) deleted.push({ kind: 'post', remoteId: id });
    }
    return deleted;
  }

  async createPost(post: NewPost): Promise<RemoteItem> {
    const root = await this.api();
    const media: WpMedia[] = [];
    for (const file of post.attachments) media.push(await this.upload(root, file));
    const created = await this.http.json<WpPost>({
      method: 'POST',
      url: root.url('/wp/v2/posts', { _embed: 'author' }),
      json: {
        status: 'publish',
        title: post.title ?? '',
        content: appendMedia(post.bodyHtml, media),
        categories: [Number(post.spaceRemoteId)],
        ...(media[0]?.media_type === 'image' ? { featured_media: media[0].id } : {}),
      },
    });
    return mapPost(created, post.spaceRemoteId, this.me?.handle);
  }

  async uploadFile(file: Attachment): Promise<{ remoteId: string; url: string }> {
    const media = await this.upload(await this.api(), file);
    return { remoteId: String(media.id), url: media.source_url };
  }

  async findPostByMarker(spaceRemoteId: string, marker: string): Promise<RemoteItem | null> {
    // WordPress' search matches post_content with LIKE, HTML comments included.
    const { data } = await this.get<WpPost[]>('/wp/v2/posts', {
      search: marker,
      categories: spaceRemoteId,
      context: 'edit',
      _embed: 'author',
    });
    const found = data.find((p) => {
      const content = p.content as { raw?: string; rendered: string };
      return (content.raw ?? content.rendered).includes(marker);
    });
    return found ? mapPost(found, spaceRemoteId, this.me?.handle) : null;
  }

  async findCommentByMarker(postRemoteId: string, marker: string): Promise<RemoteItem | null> {
    // Comment search matches comment_content with LIKE; held comments count too, since a
    // reply waiting for moderation exists all the same.
    const { data } = await this.get<WpComment[]>('/wp/v2/comments', {
      post: postRemoteId,
      search: marker,
      status: 'all',
      context: 'edit',
    });
    const found = data.find((c) => {
      const content = c.content as { raw?: string; rendered: string };
      return (content.raw ?? content.rendered).includes(`<!-- ${marker} -->`);
    });
    return found ? mapComment(found, this.me?.handle) : null;
  }

  async createComment(comment: NewComment): Promise<RemoteItem> {
    const root = await this.api();
    const created = await this.http.json<WpComment>({
      method: 'POST',
      url: root.url('/wp/v2/comments'),
      json: {
        post: Number(comment.postRemoteId),
        parent: comment.parentRemoteId ? Number(comment.parentRemoteId) : 0,
        content: comment.bodyHtml,
      },
    });
    return mapComment(created, this.me?.handle);
  }

  private upload(root: ApiRoot, file: Attachment): Promise<WpMedia> {
    return this.http.json<WpMedia>({
      method: 'POST',
      url: root.url('/wp/v2/media'),
      body: file.data,
      headers: {
        'content-type': file.contentType,
        // WordPress reads only a plain filename= (no RFC 6266 filename*), so keep it ASCII.
        'content-disposition': `attachment; filename="${asciiFilename(file.filename)}"`,
      },
    });
  }

  /** Every page of a collection, up to MAX_PAGES (X-WP-TotalPages says when to stop). */
  private async pages<T>(route: string, query: Record<string, string>): Promise<T[]> {
    const all: T[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const response = await this.get<T[]>(route, {
        per_page: String(PAGE),
        ...query,
        page: String(page),
      });
      if (!Array.isArray(response.data)) throw new RseError('server', `${route}: not a list.`);
      all.push(...response.data);
      const total = Number(response.headers.get('x-wp-totalpages') ?? '1');
      if (page >= total || response.data.length === 0) break;
    }
    return all;
  }
}

function asciiFilename(name: string): string {
  return name.normalize('NFKD').replace(/[^\w.-]+/g, '_') || 'attachment';
}

function maxIso(...values: string[]): string {
  return values.reduce((a, b) => (b > a ? b : a));
}

export const createWordPressConnector = (config: ConnectorConfig) => new WordPressConnector(config);
