// The one interface every enterprise social network implements. A connector talks to
// its network and maps payloads to these plain shapes; it never touches the database:
// the RSE engine (rse-engine.ts) persists what it returns, including the cursors, so a
// kill at any moment loses nothing and a replay duplicates nothing (upserts on remote id).
import type { RseNetwork } from '../../../shared/domain';

/** What a network offers; the engine and the UI adapt to it instead of guessing. */
export interface RseCapabilities {
  /** Posts have a title (WordPress, Discourse) or not (Mattermost, Mastodon). */
  titles: boolean;
  /** Comments answer comments (threaded), not only the post. */
  threadedComments: boolean;
  attachments: boolean;
  reactions: boolean;
  /** Server-side notion of mentions/notifications the connector reads. */
  mentions: boolean;
  /** Read state can be written back to the server. */
  remoteRead: boolean;
  /** 'push' connectors implement subscribe(); the others are polled. */
  delivery: 'push' | 'poll';
  /** Never poll more often than this, whatever the user asks (the network's quota). */
  minPollIntervalMs: number;
  /** The poll interval when the user has not chosen one. */
  defaultPollIntervalMs: number;
}

export interface RseIdentity {
  remoteId: string;
  name: string;
  /** The handle others use to mention this user (`@slug`), if the network has one. */
  handle?: string;
  avatarUrl?: string;
}

export interface RemoteSpace {
  remoteId: string;
  name: string;
  description?: string;
}

/** A post or comment as the network reports it, already mapped. */
export interface RemoteItem {
  kind: 'post' | 'comment';
  remoteId: string;
  spaceRemoteId: string | null;
  /** Comments: the remote id of the post. */
  postRemoteId: string | null;
  /** Comments: the remote id of the comment answered, if any. */
  parentRemoteId: string | null;
  author: { name: string; avatarUrl?: string };
  title: string | null;
  bodyHtml: string;
  createdAt: string; // ISO 8601, UTC
  editedAt: string | null;
  permalink: string | null;
  mentionsMe: boolean;
}

/** Opaque resumption point of one stream (a space's posts, the account's comments…). */
export type Cursors = Record<string, string>;

export interface ActivityRequest {
  /** Followed spaces; unfollowed ones are not read. */
  spaces: RemoteSpace[];
  /** As persisted after the previous read; empty on the first. */
  cursors: Cursors;
  /** Posts already stored and not deleted, for networks that detect deletions by re-reading. */
  knownPostIds: string[];
  /** How far back a first read goes. */
  since: Date;
}

export interface ActivityBatch {
  /** New and edited posts and comments, in any order (the store upserts). */
  items: RemoteItem[];
  /** Remote ids of posts and comments removed on the server. */
  deleted: { kind: 'post' | 'comment'; remoteId: string }[];
  /** Persisted together with the items, in one transaction. */
  cursors: Cursors;
}

export interface Attachment {
  filename: string;
  contentType: string;
  data: Uint8Array;
}

/**
 * What is posted. From the composer the body is HTML, which each connector turns into its
 * network's markup (Markdown, or plain text for Mastodon). A conversion renders the
 * network's own markup itself (collapsible blocks, escapes, length limits) and sets
 * `networkMarkup`: the connector then sends it as is.
 */
export interface PostBody {
  bodyHtml: string;
  networkMarkup?: boolean;
}

export interface NewPost extends PostBody {
  spaceRemoteId: string;
  title?: string;
  attachments: Attachment[];
  /** An idempotency key the connector stores out of sight where the network has metadata (Mattermost props). */
  marker?: string;
}

export interface NewComment extends PostBody {
  postRemoteId: string;
  parentRemoteId?: string;
  /** As NewPost.marker: found again by findCommentByMarker. */
  marker?: string;
  /** Files attached to this comment natively (networks without uploadFile). */
  attachments?: Attachment[];
}

/** A user of the network, as its directory reports them (for credits and @mentions). */
export interface DirectoryUser {
  remoteId: string;
  /** What the network's mention syntax names: username, acct, or (Zulip) the full name. */
  handle: string;
  displayName: string;
  /** Only where the network shows it to this account (admins, public emails). */
  email?: string;
  /** The user's public page (WordPress author archive, profile), if known. */
  profileUrl?: string;
}

/** Someone to find in the directory: an address, and the name the mail gave them. */
export interface PersonRef {
  email: string;
  name?: string;
}

export interface RseConnector {
  readonly network: RseNetwork;
  readonly capabilities: RseCapabilities;
  /** Checks the credentials; RseError('authentication') when they are refused. */
  identify(): Promise<RseIdentity>;
  listSpaces(): Promise<RemoteSpace[]>;
  /** Networks where following is server-side (channels joined…); optional elsewhere. */
  follow?(spaceRemoteId: string): Promise<void>;
  unfollow?(spaceRemoteId: string): Promise<void>;
  /** Everything since the cursors (the connector pages through it). */
  readActivity(request: ActivityRequest): Promise<ActivityBatch>;
  createPost(post: NewPost): Promise<RemoteItem>;
  createComment(comment: NewComment): Promise<RemoteItem>;
  /**
   * Networks whose posts link or embed uploaded files (attachmentMode 'link'): uploads one
   * file on its own, so the caller can put its URL in the body before posting.
   */
  uploadFile?(file: Attachment): Promise<{ remoteId: string; url: string }>;
  /**
   * The post in this space whose body carries `marker`, if any: how a retried conversion
   * finds its post. `expected` is what would be posted (without files): networks with no
   * hidden place for a marker (Zulip) match its content instead.
   */
  findPostByMarker?(
    spaceRemoteId: string,
    marker: string,
    expected?: NewPost,
  ): Promise<RemoteItem | null>;
  /** The comment on this post carrying `marker` (in its body or metadata), if any: a retried reply is found, not made twice. */
  findCommentByMarker?(
    postRemoteId: string,
    marker: string,
    expected?: NewComment,
  ): Promise<RemoteItem | null>;
  markRead?(remoteId: string, read: boolean): Promise<void>;
  /** Users whose name or handle starts with / contains `query`, for @mention autocomplete. */
  searchUsers?(query: string, limit: number): Promise<DirectoryUser[]>;
  /**
   * The users these people are on the network, keyed by lower-case address; people not
   * found are absent. Networks that hide addresses from this account may match by name
   * instead (each connector says when it does).
   */
  findUsersByEmail?(people: PersonRef[]): Promise<Map<string, DirectoryUser>>;
  /** Push connectors: calls onActivity when the server says something changed. */
  subscribe?(onActivity: () => void): { dispose(): void };
}

export interface ConnectorConfig {
  url: string;
  user?: string;
  secret: string;
}

export type ConnectorFactory = (config: ConnectorConfig) => RseConnector;
