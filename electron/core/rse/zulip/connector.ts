// Zulip over REST (/api/v1) with an API key (HTTP Basic email:key). See mappers.ts for
// how streams, topics and messages become spaces, posts and comments. Each followed
// stream is read forward from the last message id seen (ids only grow); edits and
// deletions are not visible that way, so the event queue (subscribe) records the ids it
// hears about and the next read re-fetches or reports them.
import type {
  ActivityBatch,
  ActivityRequest,
  ConnectorConfig,
  Cursors,
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
import { ZulipEventQueue, type ZulipEvent } from './events';
import {
  isStreamMessage,
  mapMessage,
  mapSubscription,
  mapUser,
  topicKey,
  type ZulipMessage,
  type ZulipSubscription,
  type ZulipUser,
} from './mappers';
import { markdownBody, multipart } from '../markup';
import { findSent, TOPIC_SEARCH_MESSAGES, type ZulipSourceMessage } from './reconcile';
import { ZulipDirectory } from './users';

export const ZULIP_CAPABILITIES: RseCapabilities = {
  titles: true, // the topic
  threadedComments: false,
  attachments: true,
  reactions: false,
  mentions: true,
  remoteRead: false,
  delivery: 'push',
  minPollIntervalMs: 10_000,
  defaultPollIntervalMs: 60_000,
};

const PAGE = 200; // Zulip caps num_after at 5000; 200 keeps answers small
const MAX_PAGES = 10;
const streamKey = (id: string) => `stream:${id}`;

interface MessagesAnswer {
  messages: ZulipMessage[];
  found_newest?: boolean;
}

export class ZulipConnector implements RseConnector {
  readonly network = 'zulip' as const;
  readonly capabilities = ZULIP_CAPABILITIES;
  private readonly http: HttpClient;
  private readonly base: string;
  private readonly authorization: string;
  /** topicKey -> first message id; re-learnt after a restart with one request per topic. */
  private readonly topicFirst = new Map<string, number>();
  /** First message id -> where its topic lives, to answer in it. */
  private readonly topicOf = new Map<number, { streamId: number; topic: string }>();
  private readonly edited = new Set<number>();
  private readonly deleted = new Set<number>();
  private me: RseIdentity | undefined;
  private readonly directory = new ZulipDirectory((path, query) => this.get(path, query));

  constructor(
    private readonly config: ConnectorConfig,
    private readonly httpOptions: HttpOptions = {},
  ) {
    this.base = config.url.replace(/\/+$/, '');
    this.authorization = `Basic ${Buffer.from(`${config.user ?? ''}:${config.secret}`).toString('base64')}`;
    this.http = new HttpClient({
      ...httpOptions,
      headers: { ...httpOptions.headers, authorization: this.authorization },
    });
  }

  private get api(): string {
    return `${this.base}/api/v1`;
  }

  private get<T>(path: string, query: Record<string, string> = {}): Promise<T> {
    const search = new URLSearchParams(query).toString();
    return this.http.json<T>({ url: `${this.api}${path}${search ? `?${search}` : ''}` });
  }

  searchUsers(query: string, limit: number): Promise<DirectoryUser[]> {
    return this.directory.searchUsers(query, limit);
  }

  findUsersByEmail(people: PersonRef[]): Promise<Map<string, DirectoryUser>> {
    return this.directory.findUsersByEmail(people);
  }

  async identify(): Promise<RseIdentity> {
    this.me = mapUser(await this.get<ZulipUser>('/users/me'));
    return this.me;
  }

  async listSpaces(): Promise<RemoteSpace[]> {
    const answer = await this.get<{ subscriptions: ZulipSubscription[] }>(
      '/users/me/subscriptions',
    );
    return (answer.subscriptions ?? []).map(mapSubscription);
  }

  private messages(narrow: unknown[], anchor: string, before: number, after: number, html = true) {
    return this.get<MessagesAnswer>('/messages', {
      anchor,
      num_before: String(before),
      num_after: String(after),
      // "stream" rather than "channel": every server version knows it.
      narrow: JSON.stringify(narrow),
      apply_markdown: String(html),
    });
  }

  async readActivity(request: ActivityRequest): Promise<ActivityBatch> {
    const observedAt = new Date().toISOString();
    const cursors: Cursors = { ...request.cursors };
    const read: ZulipMessage[] = [];
    for (const space of request.spaces) {
      const key = streamKey(space.remoteId);
      const narrow = [{ operator: 'stream', operand: Number(space.remoteId) }];
      let last = Number(cursors[key] ?? 0);
      if (!cursors[key]) {
        // First read: the newest page, limited to what is recent enough.
        const { messages } = await this.messages(narrow, 'newest', PAGE, 0);
        const since = request.since.getTime() / 1000;
        read.push(...messages.filter((m) => m.timestamp >= since));
        last = Math.max(0, ...messages.map((m) => m.id));
      } else {
        for (let page = 0; page < MAX_PAGES; page++) {
          const answer = await this.messages(narrow, String(last), 0, PAGE);
          const fresh = answer.messages.filter((m) => m.id > last);
          read.push(...fresh);
          last = Math.max(last, ...fresh.map((m) => m.id));
          if (answer.found_newest !== false || fresh.length === 0) break;
        }
      }
      cursors[key] = String(last);
    }
    for (const id of this.edited) {
      if (this.deleted.has(id)) continue;
      try {
        const answer = await this.get<{ message: ZulipMessage }>(`/messages/${id}`, {
          apply_markdown: 'true',
        });
        if (answer.message) read.push(answer.message);
      } catch (error) {
        // Edited, then deleted or moved out of reach: the deletion event tells the rest.
        if (!(error instanceof RseError && error.kind === 'not-found')) throw error;
      }
    }
    this.edited.clear();

    const followed = new Set(request.spaces.map((s) => s.remoteId));
    const items: RemoteItem[] = [];
    for (const message of read) {
      if (!isStreamMessage(message) || !followed.has(String(message.stream_id))) continue;
      const first = await this.firstOfTopic(message);
      items.push(mapMessage(message, first, this.base, observedAt));
    }
    const known = new Set(request.knownPostIds);
    const deleted = [...this.deleted].map((id) => ({
      kind: known.has(String(id)) ? ('post' as const) : ('comment' as const),
      remoteId: String(id),
    }));
    this.deleted.clear();
    return { items, deleted, cursors };
  }

  /** The id of the message that opened this message's topic. */
  private async firstOfTopic(message: ZulipMessage): Promise<number> {
    const streamId = message.stream_id as number;
    const key = topicKey(streamId, message.subject);
    let first = this.topicFirst.get(key);
    if (first === undefined) {
      const narrow = [
        { operator: 'stream', operand: streamId },
        { operator: 'topic', operand: message.subject },
      ];
      const { messages } = await this.messages(narrow, 'oldest', 0, 1);
      const opener = messages.find(
        (m) => isStreamMessage(m) && topicKey(m.stream_id as number, m.subject) === key,
      );
      first = Math.min(message.id, opener?.id ?? message.id);
      this.topicFirst.set(key, first);
    }
    this.topicOf.set(first, { streamId, topic: message.subject });
    return first;
  }

  async upload(file: NewPost['attachments'][number]): Promise<string> {
    const form = await multipart({}, [{ field: 'filename', ...file }]);
    const answer = await this.http.json<{ uri?: string; url?: string }>({
      method: 'POST',
      url: `${this.api}/user_uploads`,
      body: form.body,
      headers: { 'content-type': form.contentType },
    });
    const uri = answer.url ?? answer.uri;
    if (!uri) throw new RseError('server', 'Zulip: the upload returned no address.');
    return uri;
  }

  /**
   * A conversion's files, uploaded before the post so its Markdown links them (and its
   * inline images, cid: rewritten to this address). Zulip answers a path on the server.
   */
  async uploadFile(file: Attachment): Promise<{ remoteId: string; url: string }> {
    const uri = await this.upload(file);
    return { remoteId: uri, url: uri };
  }

  /** The body in Markdown, then a link to each file, uploaded first. */
  private async withLinks(body: NewPost | NewComment, files: NewPost['attachments']) {
    const links: string[] = [];
    for (const file of files) links.push(`[${file.filename}](${await this.upload(file)})`);
    return [markdownBody(body), ...links].filter(Boolean).join('\n\n');
  }

  async createPost(post: NewPost): Promise<RemoteItem> {
    const content = await this.withLinks(post, post.attachments);
    const topic = post.title?.trim() || '(no topic)';
    const id = await this.send(Number(post.spaceRemoteId), topic, content);
    this.topicFirst.set(topicKey(post.spaceRemoteId, topic), id);
    this.topicOf.set(id, { streamId: Number(post.spaceRemoteId), topic });
    return this.sentItem(id, Number(post.spaceRemoteId), topic, post.bodyHtml, id);
  }

  async createComment(comment: NewComment): Promise<RemoteItem> {
    const postId = Number(comment.postRemoteId);
    const where = await this.whereIs(postId);
    const content = await this.withLinks(comment, comment.attachments ?? []);
    const id = await this.send(where.streamId, where.topic, content);
    return this.sentItem(id, where.streamId, where.topic, comment.bodyHtml, postId);
  }

  /** See reconcile.ts: the topic's message whose Markdown source is this post's text. */
  async findPostByMarker(
    spaceRemoteId: string,
    _marker: string,
    expected?: NewPost,
  ): Promise<RemoteItem | null> {
    if (!expected) return null;
    const where = {
      streamId: Number(spaceRemoteId),
      topic: expected.title?.trim() || '(no topic)',
    };
    const found = await this.findInTopic(where, markdownBody(expected), 0);
    if (!found) return null;
    this.topicOf.set(found.id, where);
    return this.sentItem(found.id, where.streamId, where.topic, expected.bodyHtml, found.id);
  }

  /** As findPostByMarker, among the messages after the post in its topic. */
  async findCommentByMarker(
    postRemoteId: string,
    _marker: string,
    expected?: NewComment,
  ): Promise<RemoteItem | null> {
    if (!expected) return null;
    const postId = Number(postRemoteId);
    const where = await this.whereIs(postId);
    const found = await this.findInTopic(where, markdownBody(expected), postId);
    if (!found) return null;
    return this.sentItem(found.id, where.streamId, where.topic, expected.bodyHtml, postId);
  }

  private async findInTopic(
    where: { streamId: number; topic: string },
    text: string,
    after: number,
  ) {
    const me = this.me ?? (await this.identify());
    const narrow = [
      { operator: 'stream', operand: where.streamId },
      { operator: 'topic', operand: where.topic },
    ];
    const { messages } = await this.messages(narrow, 'newest', TOPIC_SEARCH_MESSAGES, 0, false);
    return findSent(messages as ZulipSourceMessage[], {
      ...where,
      senderId: Number(me.remoteId),
      text,
      afterId: after,
    });
  }

  /** The stream and topic a post (its topic's first message) lives in. */
  private async whereIs(postId: number): Promise<{ streamId: number; topic: string }> {
    const known = this.topicOf.get(postId);
    if (known) return known;
    const { message } = await this.get<{ message: ZulipMessage }>(`/messages/${postId}`);
    if (!isStreamMessage(message))
      throw new RseError('invalid', 'Zulip: that message is not in a stream.');
    const where = { streamId: message.stream_id as number, topic: message.subject };
    this.topicOf.set(postId, where);
    return where;
  }

  private async send(streamId: number, topic: string, content: string): Promise<number> {
    const answer = await this.http.json<{ id: number }>({
      method: 'POST',
      url: `${this.api}/messages`,
      // A one-element JSON list is a stream id Zulip accepts (extract_stream_indicator)
      // and that a form-decoding validator cannot mistake for a stream name.
      body: new URLSearchParams({
        type: 'stream',
        to: JSON.stringify([streamId]),
        topic,
        content,
      }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    return answer.id;
  }

  /** The sent message as the next read will report it (Zulip answers only with its id). */
  private sentItem(
    id: number,
    streamId: number,
    topic: string,
    bodyHtml: string,
    first: number,
  ): RemoteItem {
    const message: ZulipMessage = {
      id,
      type: 'stream',
      stream_id: streamId,
      display_recipient: '',
      subject: topic,
      content: bodyHtml,
      timestamp: Date.now() / 1000,
      sender_full_name: this.me?.name ?? this.config.user ?? '',
    };
    return mapMessage(message, first, this.base, new Date().toISOString());
  }

  subscribe(onActivity: () => void): { dispose(): void } {
    const queue = new ZulipEventQueue({
      apiUrl: this.api,
      authorization: this.authorization,
      eventTypes: ['message', 'update_message', 'delete_message'],
      ...(this.httpOptions.fetch ? { fetch: this.httpOptions.fetch } : {}),
      onRegistered: onActivity,
      onEvents: (events) => {
        for (const event of events) this.record(event);
        onActivity();
      },
    });
    return { dispose: () => queue.dispose() };
  }

  private record(event: ZulipEvent): void {
    const ids = event.message_ids ?? (event.message_id !== undefined ? [event.message_id] : []);
    if (event.type === 'update_message') for (const id of ids) this.edited.add(id);
    if (event.type === 'delete_message') for (const id of ids) this.deleted.add(id);
  }
}

export const createZulipConnector = (config: ConnectorConfig): RseConnector =>
  new ZulipConnector(config);
